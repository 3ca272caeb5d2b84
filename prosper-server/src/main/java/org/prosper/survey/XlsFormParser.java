package org.prosper.survey;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.apache.poi.ss.util.CellReference;
import org.prosper.platform.ZipExpansion;

/**
 * Reads an XLSForm workbook (survey, choices and settings sheets) into a {@link FormDefinition}, or refuses it with
 * every problem found, each with its sheet, row and column.
 */
public final class XlsFormParser {

    static final Set<String> QUESTION_TYPES = Set.of("integer", "decimal", "text", "select_one", "select_multiple",
            "date", "geopoint", "note", "calculate", "start", "end", "today", "deviceid");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9._-]*");
    private static final String DEFAULT = "default";

    private final DataFormatter formatter = new DataFormatter(Locale.ROOT);
    private final List<FormProblem> problems = new ArrayList<>();

    private XlsFormParser() {
    }

    /** An XLSForm is tens to hundreds of KB; these bound what a crafted workbook may cost before POI loads it whole. */
    static final long MAX_WORKBOOK_BYTES = 10L * 1024 * 1024;
    static final long MAX_EXPANDED_BYTES = 100L * 1024 * 1024;

    /**
     * Refuses a workbook too large for a form, or one whose parts expand past {@link #MAX_EXPANDED_BYTES} (POI's usermodel
     * holds every cell of every sheet in memory; a zip of repeated rows expands a hundredfold within POI's own limits).
     */
    static void requireFormSized(byte[] xlsx, String fileName) {
        String name = fileName == null ? "file" : fileName;
        if (xlsx.length > MAX_WORKBOOK_BYTES) {
            throw new InvalidFormProblem("the file is too large for a form", List.of(new FormProblem(name, null, null, String.format(Locale.ROOT,
                    "%,d bytes; an XLSForm is at most %,d bytes (its rows are questions, not data)", xlsx.length, MAX_WORKBOOK_BYTES))));
        }
        if (ZipExpansion.exceeds(xlsx, MAX_EXPANDED_BYTES)) {
            throw new InvalidFormProblem("the file is too large for a form", List.of(new FormProblem(name, null, null, String.format(Locale.ROOT,
                    "its sheets expand to more than %,d bytes; an XLSForm's rows are questions, not data", MAX_EXPANDED_BYTES))));
        }
    }

    /** Parses a workbook; {@code fileName} gives the instance root name when settings has no "name". */
    public static FormDefinition parse(InputStream xlsx, String fileName) {
        try (Workbook workbook = WorkbookFactory.create(xlsx)) {
            return new XlsFormParser().read(workbook, fileName);
        } catch (IOException | RuntimeException e) {
            if (e instanceof InvalidFormProblem p) throw p;
            throw new InvalidFormProblem("the file is not a readable .xlsx workbook",
                    List.of(new FormProblem(fileName == null ? "file" : fileName, null, null, "not a readable Excel workbook: " + e.getMessage())));
        }
    }

    /** A sheet as header -> column index plus its rows (1-based row number -> values by header). */
    private record Table(String sheet, Map<String, Integer> columns, Map<String, String> headers, List<Integer> rowNumbers,
                         List<Map<String, String>> rows) {
        String column(String header) {
            Integer i = columns.get(header);
            return (i == null ? "" : CellReference.convertNumToColString(i) + " ") + "(" + header + ")";
        }
    }

    private Table table(Sheet sheet) {
        Map<String, Integer> columns = new LinkedHashMap<>();
        Map<String, String> headers = new LinkedHashMap<>();
        List<Integer> numbers = new ArrayList<>();
        List<Map<String, String>> rows = new ArrayList<>();
        Row header = sheet.getRow(sheet.getFirstRowNum());
        if (header == null) return new Table(sheet.getSheetName(), columns, headers, numbers, rows);
        for (Cell c : header) {
            String h = text(c);
            if (h.isEmpty()) continue;
            String key = normalizeHeader(h);
            columns.putIfAbsent(key, c.getColumnIndex());
            headers.putIfAbsent(key, h);
        }
        for (int r = header.getRowNum() + 1; r <= sheet.getLastRowNum(); r++) {
            Row row = sheet.getRow(r);
            if (row == null) continue;
            Map<String, String> values = new HashMap<>();
            for (var e : columns.entrySet()) {
                String v = text(row.getCell(e.getValue()));
                if (!v.isEmpty()) values.put(e.getKey(), v);
            }
            if (values.isEmpty()) continue;
            numbers.add(r + 1);
            rows.add(values);
        }
        return new Table(sheet.getSheetName(), columns, headers, numbers, rows);
    }

    /** "Label::English (en)" -> "label::English (en)"; "constraint message" -> "constraint_message". */
    static String normalizeHeader(String h) {
        String t = h.trim();
        int sep = t.indexOf("::");
        String base = (sep < 0 ? t : t.substring(0, sep)).trim().toLowerCase(Locale.ROOT).replace(' ', '_');
        base = switch (base) {
            case "constraint_msg", "jr:constraintmsg" -> "constraint_message";
            case "requiredmsg", "jr:requiredmsg", "required_msg" -> "required_message";
            case "calculate" -> "calculation";
            case "list", "list name" -> "list_name";
            case "choice-filter" -> "choice_filter";
            case "repeat-count", "jr:count" -> "repeat_count";
            default -> base;
        };
        return sep < 0 ? base : base + "::" + t.substring(sep + 2).trim();
    }

    private String text(Cell cell) {
        if (cell == null) return "";
        return formatter.formatCellValue(cell).trim();
    }

    private Sheet sheet(Workbook wb, String name) {
        for (Sheet s : wb) if (s.getSheetName().trim().equalsIgnoreCase(name)) return s;
        return null;
    }

    private FormDefinition read(Workbook wb, String fileName) {
        Sheet surveySheet = sheet(wb, "survey");
        if (surveySheet == null) {
            throw new InvalidFormProblem("the form has problems", List.of(new FormProblem("survey", null, null, "the workbook has no sheet named survey")));
        }
        Table survey = table(surveySheet);
        Map<String, String> settings = settings(sheet(wb, "settings"));
        Sheet choicesSheet = sheet(wb, "choices");
        Table choicesTable = choicesSheet == null ? null : table(choicesSheet);

        for (String required : List.of("type", "name")) {
            if (!survey.columns().containsKey(required)) problems.add(new FormProblem(survey.sheet(), 1, required, "the survey sheet has no " + required + " column"));
        }
        if (!problems.isEmpty()) throw invalid();

        Set<String> languages = new LinkedHashSet<>();
        for (String key : survey.columns().keySet()) languageOf(key, languages);
        if (choicesTable != null) for (String key : choicesTable.columns().keySet()) languageOf(key, languages);
        if (languages.isEmpty()) languages.add(DEFAULT);

        Map<String, List<Choice>> choices = choices(choicesTable, languages);
        Set<String> orOtherLists = new HashSet<>();

        // first pass: names, so that expressions may refer to questions further down
        Set<String> names = new HashSet<>();
        for (Map<String, String> row : survey.rows()) {
            String n = row.get("name");
            if (n != null) names.add(n);
            String type = row.getOrDefault("type", "");
            if (type.contains("or_other") && n != null) names.add(n + "_other");
        }

        String formId = settings.getOrDefault("form_id", baseName(fileName));
        String rootName = settings.getOrDefault("name", baseName(fileName));
        if (!NAME.matcher(rootName).matches()) rootName = "data";

        record Open(String kind, String name, int row, List<FormNode> children, FormNode template) {
        }
        Deque<Open> stack = new ArrayDeque<>();
        stack.push(new Open("root", "", 0, new ArrayList<>(), null));
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < survey.rows().size(); i++) {
            Map<String, String> row = survey.rows().get(i);
            int rowNo = survey.rowNumbers().get(i);
            String type = row.get("type");
            String name = row.get("name");
            if (type == null) {
                problems.add(new FormProblem(survey.sheet(), rowNo, survey.column("type"), "the row has no type"));
                continue;
            }
            String t = type.trim().replaceAll("\\s+", " ");
            String lower = t.toLowerCase(Locale.ROOT);
            if (lower.equals("end group") || lower.equals("end_group") || lower.equals("end repeat") || lower.equals("end_repeat")) {
                String kind = lower.contains("group") ? "group" : "repeat";
                Open open = stack.peek();
                if (open.kind().equals("root")) {
                    problems.add(new FormProblem(survey.sheet(), rowNo, survey.column("type"), "'" + t + "' has no matching begin " + kind));
                    continue;
                }
                if (!open.kind().equals(kind)) {
                    problems.add(new FormProblem(survey.sheet(), rowNo, survey.column("type"), "'" + t + "' closes the " + open.kind()
                            + " '" + open.name() + "' begun on row " + open.row() + "; expected end " + open.kind()));
                    continue;
                }
                stack.pop();
                FormNode tpl = open.template();
                stack.peek().children().add(new FormNode(tpl.kind(), tpl.type(), tpl.name(), tpl.path(), tpl.label(), tpl.hint(),
                        tpl.relevant(), null, null, null, null, null, null, null, null, false, tpl.appearance(), tpl.repeatCount(),
                        false, tpl.row(), open.children()));
                continue;
            }
            boolean group = lower.equals("begin group") || lower.equals("begin_group");
            boolean repeat = lower.equals("begin repeat") || lower.equals("begin_repeat");
            String base = lower.split(" ")[0];
            String listName = null;
            boolean orOther = false;
            if (!group && !repeat) {
                if (!QUESTION_TYPES.contains(base)) {
                    problems.add(new FormProblem(survey.sheet(), rowNo, survey.column("type"), "unknown question type '" + t + "'"));
                    continue;
                }
                if (base.equals("select_one") || base.equals("select_multiple")) {
                    String[] parts = t.split(" ");
                    if (parts.length < 2) {
                        problems.add(new FormProblem(survey.sheet(), rowNo, survey.column("type"), "'" + t + "' needs the name of a choice list"));
                        continue;
                    }
                    listName = parts[1];
                    orOther = parts.length > 2 && parts[2].equalsIgnoreCase("or_other");
                    if (parts.length > 2 && !orOther) {
                        problems.add(new FormProblem(survey.sheet(), rowNo, survey.column("type"), "unexpected '" + parts[2] + "' after the list name"));
                    }
                    if (!choices.containsKey(listName)) {
                        problems.add(new FormProblem(survey.sheet(), rowNo, survey.column("type"), "the choice list '" + listName + "' is not in the choices sheet"));
                        continue;
                    }
                    if (orOther) orOtherLists.add(listName);
                } else if (t.contains(" ")) {
                    problems.add(new FormProblem(survey.sheet(), rowNo, survey.column("type"), "unknown question type '" + t + "'"));
                    continue;
                }
            }
            if (name == null) {
                problems.add(new FormProblem(survey.sheet(), rowNo, survey.column("name"), "the " + t + " has no name"));
                continue;
            }
            if (!NAME.matcher(name).matches()) {
                problems.add(new FormProblem(survey.sheet(), rowNo, survey.column("name"), "'" + name + "' is not a valid name: start with a letter or _, then letters, digits, _ . -"));
                continue;
            }
            if (!seen.add(name)) {
                problems.add(new FormProblem(survey.sheet(), rowNo, survey.column("name"), "the name '" + name + "' is used twice"));
                continue;
            }
            String parentPath = stack.peek().template() == null ? "" : stack.peek().template().path() + "/";
            String path = parentPath + name;
            Map<String, String> label = texts(row, "label", languages);
            Map<String, String> hint = texts(row, "hint", languages);
            for (var text : row.entrySet()) {
                if (!text.getKey().startsWith("label") && !text.getKey().startsWith("hint")) continue;
                for (String ref : Expressions.references(text.getValue())) {
                    if (!names.contains(ref)) problems.add(new FormProblem(survey.sheet(), rowNo, survey.column(text.getKey()), "${" + ref + "} refers to no question in the form"));
                }
            }
            String relevant = expression(survey, row, rowNo, "relevant", names);
            String appearance = row.get("appearance");
            if (group || repeat) {
                String count = repeat ? expression(survey, row, rowNo, "repeat_count", names) : null;
                FormNode tpl = new FormNode(repeat ? FormNode.Kind.REPEAT : FormNode.Kind.GROUP, repeat ? "repeat" : "group", name, path,
                        label, hint, relevant, null, null, null, null, null, null, null, null, false, appearance, count, false, rowNo, null);
                stack.push(new Open(repeat ? "repeat" : "group", name, rowNo, new ArrayList<>(), tpl));
                continue;
            }
            String constraint = expression(survey, row, rowNo, "constraint", names);
            String required = row.get("required");
            if (required != null && !List.of("yes", "no", "true", "false", "1", "0", "true()", "false()").contains(required.toLowerCase(Locale.ROOT))) {
                required = expression(survey, row, rowNo, "required", names);
            } else if (required != null) {
                required = List.of("yes", "true", "1", "true()").contains(required.toLowerCase(Locale.ROOT)) ? "yes" : "no";
            }
            String calculation = expression(survey, row, rowNo, "calculation", names);
            String choiceFilter = expression(survey, row, rowNo, "choice_filter", Set.of());
            if (choiceFilter != null) {
                String err = Expressions.check(choiceFilter, names);
                if (err != null) problems.add(new FormProblem(survey.sheet(), rowNo, survey.column("choice_filter"), err));
            }
            if (base.equals("calculate") && calculation == null) {
                problems.add(new FormProblem(survey.sheet(), rowNo, survey.column("calculation"), "the calculate '" + name + "' has no calculation"));
            }
            boolean metadata = Set.of("start", "end", "today", "deviceid").contains(base);
            if (!base.equals("calculate") && !metadata && label.isEmpty() && hint.isEmpty()) {
                problems.add(new FormProblem(survey.sheet(), rowNo, survey.column(survey.columns().containsKey("label") ? "label"
                        : survey.columns().keySet().stream().filter(k -> k.startsWith("label")).findFirst().orElse("label")), "the question '" + name + "' has no label"));
            }
            String defaultValue = row.get("default");
            if (defaultValue != null && defaultValue.contains("${")) {
                problems.add(new FormProblem(survey.sheet(), rowNo, survey.column("default"), "a default must be a fixed value; use calculation for an expression"));
            }
            stack.peek().children().add(new FormNode(FormNode.Kind.QUESTION, base, name, path, label, hint, relevant, constraint,
                    texts(row, "constraint_message", languages), required, texts(row, "required_message", languages), defaultValue,
                    calculation, choiceFilter, listName, orOther, appearance, null, base.equals("note") || base.equals("calculate") || metadata,
                    rowNo, null));
            if (orOther) {
                Map<String, String> otherLabel = new LinkedHashMap<>();
                for (String lang : languages) otherLabel.put(lang, "Specify other.");
                stack.peek().children().add(new FormNode(FormNode.Kind.QUESTION, "text", name + "_other", parentPath + name + "_other",
                        otherLabel, null, "selected(${" + name + "}, 'other')", null, null, null, null, null, null, null, null, false,
                        null, null, false, rowNo, null));
            }
        }
        while (stack.size() > 1) {
            Open open = stack.pop();
            problems.add(new FormProblem(survey.sheet(), open.row(), survey.column("type"), "begin " + open.kind() + " '" + open.name() + "' has no end " + open.kind()));
        }
        if (stack.peek().children().isEmpty() && problems.isEmpty()) {
            problems.add(new FormProblem(survey.sheet(), null, null, "the form has no questions"));
        }
        if (!problems.isEmpty()) throw invalid();

        for (String list : orOtherLists) {
            List<Choice> withOther = new ArrayList<>(choices.get(list));
            if (withOther.stream().noneMatch(c -> c.name().equals("other"))) {
                Map<String, String> other = new LinkedHashMap<>();
                for (String lang : languages) other.put(lang, "Other");
                withOther.add(new Choice("other", other, null));
                choices.put(list, withOther);
            }
        }
        List<String> langs = new ArrayList<>(languages);
        String defaultLanguage = settings.get("default_language");
        if (defaultLanguage == null || !langs.contains(defaultLanguage)) defaultLanguage = langs.contains(DEFAULT) ? DEFAULT : langs.getFirst();
        String title = settings.getOrDefault("form_title", formId);
        String version = settings.get("version");
        String instanceName = settings.get("instance_name");
        return new FormDefinition(formId, title, version, rootName, langs, defaultLanguage, instanceName, stack.peek().children(), choices);
    }

    private InvalidFormProblem invalid() {
        return new InvalidFormProblem("the form has " + problems.size() + " problem" + (problems.size() == 1 ? "" : "s"), problems);
    }

    private static String baseName(String fileName) {
        if (fileName == null || fileName.isBlank()) return "data";
        String b = fileName.replaceAll(".*[/\\\\]", "").replaceAll("\\.[^.]*$", "").replaceAll("[^A-Za-z0-9._-]", "_");
        return b.isEmpty() || !Character.isLetter(b.charAt(0)) && b.charAt(0) != '_' ? "data" : b;
    }

    private static void languageOf(String key, Set<String> languages) {
        for (String base : List.of("label", "hint", "constraint_message", "required_message")) {
            if (key.equals(base)) languages.add(DEFAULT);
            else if (key.startsWith(base + "::")) languages.add(key.substring(base.length() + 2));
        }
    }

    private static Map<String, String> texts(Map<String, String> row, String base, Set<String> languages) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String lang : languages) {
            String v = row.get(DEFAULT.equals(lang) ? base : base + "::" + lang);
            if (v != null) out.put(lang, v);
        }
        return out;
    }

    private String expression(Table table, Map<String, String> row, int rowNo, String column, Set<String> names) {
        String value = row.get(column);
        if (value == null || names.isEmpty()) return value;
        String err = Expressions.check(value, names);
        if (err != null) problems.add(new FormProblem(table.sheet(), rowNo, table.column(column), err));
        return value;
    }

    private Map<String, String> settings(Sheet sheet) {
        Map<String, String> out = new HashMap<>();
        if (sheet == null) return out;
        Table t = table(sheet);
        if (!t.rows().isEmpty()) out.putAll(t.rows().getFirst());
        return out;
    }

    private Map<String, List<Choice>> choices(Table table, Set<String> languages) {
        Map<String, List<Choice>> lists = new LinkedHashMap<>();
        if (table == null) return lists;
        for (String required : List.of("list_name", "name")) {
            if (!table.columns().containsKey(required)) {
                problems.add(new FormProblem(table.sheet(), 1, required, "the choices sheet has no " + required + " column"));
                return lists;
            }
        }
        Map<String, Set<String>> seen = new HashMap<>();
        for (int i = 0; i < table.rows().size(); i++) {
            Map<String, String> row = table.rows().get(i);
            int rowNo = table.rowNumbers().get(i);
            String list = row.get("list_name");
            String name = row.get("name");
            if (list == null) {
                problems.add(new FormProblem(table.sheet(), rowNo, table.column("list_name"), "the choice has no list_name"));
                continue;
            }
            if (name == null) {
                problems.add(new FormProblem(table.sheet(), rowNo, table.column("name"), "the choice has no name"));
                continue;
            }
            if (!seen.computeIfAbsent(list, k -> new HashSet<>()).add(name)) {
                problems.add(new FormProblem(table.sheet(), rowNo, table.column("name"), "the choice '" + name + "' appears twice in list '" + list + "'"));
                continue;
            }
            Map<String, String> extra = new LinkedHashMap<>();
            for (var e : row.entrySet()) {
                String k = e.getKey();
                if (!k.equals("list_name") && !k.equals("name") && !k.startsWith("label") && !k.startsWith("media") && !k.equals("image")
                        && !k.equals("audio") && !k.equals("video")) extra.put(k, e.getValue());
            }
            lists.computeIfAbsent(list, k -> new ArrayList<>()).add(new Choice(name, texts(row, "label", languages), extra));
        }
        return lists;
    }
}
