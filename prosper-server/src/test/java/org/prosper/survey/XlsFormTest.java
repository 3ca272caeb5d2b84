package org.prosper.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.prosper.survey.Workbooks.row;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.xml.parsers.DocumentBuilderFactory;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

class XlsFormTest {

    static final Path GOLDEN = Path.of("src/test/resources/survey/pyxform");

    private static FormDefinition parse(byte[] xlsx) {
        return XlsFormParser.parse(new ByteArrayInputStream(xlsx), "test.xlsx");
    }

    private static List<FormProblem> problems(byte[] xlsx) {
        try {
            parse(xlsx);
        } catch (InvalidFormProblem e) {
            return e.problems();
        }
        throw new AssertionError("the form was accepted");
    }

    private static Document xml(String text) throws Exception {
        var f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Test
    void demoFormConvertsWithFourLanguagesRepeatAndChoiceFilter() throws Exception {
        byte[] xlsx;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(SurveyDemoLoader.FORM)) {
            xlsx = in.readAllBytes();
        }
        FormDefinition form = XlsFormParser.parse(new ByteArrayInputStream(xlsx), "household_baseline.xlsx");
        assertThat(form.formId()).isEqualTo("household_baseline");
        assertThat(form.languages()).containsExactly("English (en)", "中文 (zh)", "ភាសាខ្មែរ (km)");
        assertThat(form.defaultLanguage()).isEqualTo("English (en)");
        Document doc = xml(XFormWriter.write(form));
        NodeList translations = doc.getElementsByTagNameNS(XFormWriter.XF, "translation");
        assertThat(translations.getLength()).isEqualTo(3);
        Map<String, Element> binds = binds(doc);
        assertThat(binds.get("/household_baseline/hh_size").getAttribute("type")).isEqualTo("int");
        assertThat(binds.get("/household_baseline/hh_size").getAttribute("constraint")).isEqualTo(". >= 1 and . <= 30");
        assertThat(binds.get("/household_baseline/members/birth_date").getAttribute("type")).isEqualTo("date");
        assertThat(binds.get("/household_baseline/location").getAttribute("type")).isEqualTo("geopoint");
        assertThat(binds.get("/household_baseline/income/income_total").getAttribute("calculate"))
                .contains("/household_baseline/income/income_crops").contains("/household_baseline/income/income_remittances");
        assertThat(binds.get("/household_baseline/meta/instanceID").getAttributeNS(XFormWriter.JR, "preload")).isEqualTo("uid");
        assertThat(binds.get("/household_baseline/household_id").getAttributeNS(XFormWriter.JR, "constraintMsg"))
                .isEqualTo("jr:itext('/household_baseline/household_id:jr:constraintMsg')");
        assertThat(binds).containsKey("/household_baseline/assets_other");
        assertThat(binds.get("/household_baseline/assets_other").getAttribute("relevant")).isEqualTo("selected( /household_baseline/assets , 'other')");
        Element repeat = (Element) doc.getElementsByTagNameNS(XFormWriter.XF, "repeat").item(0);
        assertThat(repeat.getAttribute("nodeset")).isEqualTo("/household_baseline/members");
        assertThat(repeat.getAttributeNS(XFormWriter.JR, "count")).isEqualTo(" /household_baseline/hh_size ");
        String villageItems = controls(doc).get("/household_baseline/village").getElementsByTagNameNS(XFormWriter.XF, "itemset").item(0)
                .getAttributes().getNamedItem("nodeset").getNodeValue();
        assertThat(villageItems).isEqualTo("instance('village')/root/item[country= /household_baseline/country ]");
        Element root = (Element) doc.getElementsByTagNameNS(XFormWriter.XF, "household_baseline").item(0);
        assertThat(root.getAttribute("id")).isEqualTo("household_baseline");
        assertThat(root.getAttribute("version")).isEqualTo("2026010101");
        assertThat(texts(doc, "ភាសាខ្មែរ (km)").get("/household_baseline/village:label")).isEqualTo("ភូមិ");
        assertThat(texts(doc, "中文 (zh)").get("/household_baseline/income/income_note:label")).isEqualTo("总收入： /household_baseline/income/income_total ");
    }

    /**
     * pyxform's own spec test form against the XForm pyxform wrote for it: the rows of the types Prosper supports
     * (the others are dropped from a copy of the workbook) must give the same binds, controls, item sets and texts.
     */
    @Test
    void matchesPyxformGoldenOutputForSupportedFeatures() throws Exception {
        byte[] filtered;
        Set<String> supported = Set.of("integer", "decimal", "text", "select_one", "select_multiple", "date", "geopoint", "note",
                "calculate", "begin", "end", "today", "start", "deviceid");
        try (InputStream in = Files.newInputStream(GOLDEN.resolve("xlsform_spec_test.xlsx")); Workbook wb = WorkbookFactory.create(in)) {
            Sheet survey = wb.getSheet("survey");
            for (int r = survey.getLastRowNum(); r >= 1; r--) {
                Row row = survey.getRow(r);
                if (row == null || row.getCell(0) == null) continue;
                String type = row.getCell(0).getStringCellValue().trim();
                String name = row.getCell(1) == null ? "" : new org.apache.poi.ss.usermodel.DataFormatter().formatCellValue(row.getCell(1));
                String base = type.split(" ")[0];
                boolean media = row.getCell(18) != null && !row.getCell(18).toString().isBlank(); // image-only notes: media is not supported
                boolean bool = row.getCell(1) != null && row.getCell(1).getCellType() != org.apache.poi.ss.usermodel.CellType.STRING; // the FALSE() name
                boolean keep = type.startsWith("end ") || supported.contains(base) && name.matches("[A-Za-z_].*") && !bool
                        && !name.equals("launch") && !media && !name.equals("uri_deviceid_test_output") && !name.equals("phonenumber_test_output")
                        && !name.equals("table_list_question"); // pyxform expands table-list groups; Prosper does not
                if (!keep) {
                    survey.removeRow(row);
                    if (r < survey.getLastRowNum()) survey.shiftRows(r + 1, survey.getLastRowNum(), -1);
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            wb.write(out);
            filtered = out.toByteArray();
        }
        FormDefinition form;
        try {
            form = XlsFormParser.parse(new ByteArrayInputStream(filtered), "xlsform_spec_test.xlsx");
        } catch (InvalidFormProblem e) {
            throw new AssertionError(e.problems().toString());
        }
        Document mine = xml(XFormWriter.write(form));
        Document golden = xml(Files.readString(GOLDEN.resolve("xlsform_spec_test.expected_xform.xml")));

        Map<String, Element> goldenBinds = binds(golden);
        Map<String, Element> myBinds = binds(mine);
        assertThat(myBinds).hasSizeGreaterThan(20);
        for (var e : myBinds.entrySet()) {
            Element g = goldenBinds.get(e.getKey());
            assertThat(g).as("pyxform bind for " + e.getKey()).isNotNull();
            for (String attr : List.of("type", "relevant", "constraint", "calculate", "required", "readonly")) {
                assertThat(norm(e.getValue().getAttribute(attr))).as(attr + " of " + e.getKey()).isEqualTo(norm(g.getAttribute(attr)));
            }
            assertThat(e.getValue().getAttributeNS(XFormWriter.JR, "preload")).as("preload of " + e.getKey())
                    .isEqualTo(g.getAttributeNS(XFormWriter.JR, "preload"));
        }
        Map<String, Element> goldenControls = controls(golden);
        Map<String, Element> myControls = controls(mine);
        assertThat(myControls).hasSizeGreaterThan(15);
        for (var e : myControls.entrySet()) {
            Element g = goldenControls.get(e.getKey());
            assertThat(g).as("pyxform control for " + e.getKey()).isNotNull();
            assertThat(e.getValue().getLocalName()).as("control of " + e.getKey()).isEqualTo(g.getLocalName());
            assertThat(e.getValue().getAttribute("appearance")).isEqualTo(g.getAttribute("appearance"));
            NodeList myItems = e.getValue().getElementsByTagNameNS(XFormWriter.XF, "itemset");
            NodeList goldenItems = g.getElementsByTagNameNS(XFormWriter.XF, "itemset");
            assertThat(myItems.getLength()).isEqualTo(goldenItems.getLength());
            if (myItems.getLength() > 0) {
                assertThat(((Element) myItems.item(0)).getAttribute("nodeset")).isEqualTo(((Element) goldenItems.item(0)).getAttribute("nodeset"));
            }
        }
        for (String lang : List.of("english", "chinese", "default")) {
            Map<String, String> gt = texts(golden, lang);
            Map<String, String> mt = texts(mine, lang);
            assertThat(mt).isNotEmpty();
            for (var e : mt.entrySet()) {
                if (!gt.containsKey(e.getKey())) continue; // pyxform writes some labels inline; those are compared below
                assertThat(norm(e.getValue())).as(lang + " text " + e.getKey()).isEqualTo(norm(gt.get(e.getKey())));
            }
        }
        assertThat(texts(mine, "chinese").get("/xlsform_spec_test/everything/address:label")).isEqualTo(texts(golden, "chinese").get("/xlsform_spec_test/everything/address:label"));
        assertThat(texts(mine, "chinese").get("yes_no-0")).isEqualTo("是");
        // the instance keeps pyxform's element order for what is kept
        List<String> goldenOrder = new ArrayList<>(instanceNames(golden));
        List<String> myOrder = instanceNames(mine);
        goldenOrder.retainAll(myOrder);
        assertThat(myOrder.stream().filter(goldenOrder::contains).toList()).isEqualTo(goldenOrder.stream().distinct().toList());
    }

    /** Without whitespace, and with typographic quotes straightened as pyxform does (Prosper keeps the text as typed). */
    private static String norm(String s) {
        return s == null ? "" : s.replaceAll("\\s+", "").replaceAll("[\u201c\u201d]", "\"").replaceAll("[\u2018\u2019]", "'");
    }

    private static Map<String, Element> binds(Document doc) {
        Map<String, Element> out = new LinkedHashMap<>();
        NodeList list = doc.getElementsByTagNameNS(XFormWriter.XF, "bind");
        for (int i = 0; i < list.getLength(); i++) {
            Element b = (Element) list.item(i);
            out.put(b.getAttribute("nodeset"), b);
        }
        return out;
    }

    private static Map<String, Element> controls(Document doc) {
        Map<String, Element> out = new LinkedHashMap<>();
        Element body = (Element) doc.getElementsByTagNameNS(XFormWriter.H, "body").item(0);
        for (String name : List.of("input", "select1", "select")) {
            NodeList list = body.getElementsByTagNameNS(XFormWriter.XF, name);
            for (int i = 0; i < list.getLength(); i++) {
                Element c = (Element) list.item(i);
                out.put(c.getAttribute("ref"), c);
            }
        }
        return out;
    }

    /** itext texts of one language by id: the plain value, with outputs as their value attribute. */
    private static Map<String, String> texts(Document doc, String lang) {
        Map<String, String> out = new HashMap<>();
        NodeList translations = doc.getElementsByTagNameNS(XFormWriter.XF, "translation");
        for (int i = 0; i < translations.getLength(); i++) {
            Element t = (Element) translations.item(i);
            if (!t.getAttribute("lang").equals(lang)) continue;
            NodeList texts = t.getElementsByTagNameNS(XFormWriter.XF, "text");
            for (int j = 0; j < texts.getLength(); j++) {
                Element text = (Element) texts.item(j);
                NodeList values = text.getElementsByTagNameNS(XFormWriter.XF, "value");
                for (int k = 0; k < values.getLength(); k++) {
                    Element v = (Element) values.item(k);
                    if (v.hasAttribute("form")) continue;
                    StringBuilder s = new StringBuilder();
                    for (Node n = v.getFirstChild(); n != null; n = n.getNextSibling()) {
                        s.append(n instanceof Element o ? o.getAttribute("value") : n.getTextContent());
                    }
                    out.put(text.getAttribute("id"), s.toString());
                }
            }
        }
        return out;
    }

    private static List<String> instanceNames(Document doc) {
        Element instance = (Element) doc.getElementsByTagNameNS(XFormWriter.XF, "instance").item(0);
        List<String> names = new ArrayList<>();
        NodeList all = instance.getElementsByTagName("*");
        for (int i = 0; i < all.getLength(); i++) names.add(((Element) all.item(i)).getLocalName());
        return names;
    }

    @Test
    void aWorkbookTooLargeForAFormIsRefusedBeforeItIsLoaded() throws Exception {
        // a small zip whose one part expands past the limit: 101 MB of the same byte compresses to about 100 KB
        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(bomb)) {
            zip.putNextEntry(new java.util.zip.ZipEntry("xl/worksheets/sheet1.xml"));
            byte[] block = new byte[1024 * 1024];
            java.util.Arrays.fill(block, (byte) ' ');
            for (int i = 0; i < 101; i++) zip.write(block);
            zip.closeEntry();
        }
        assertThat(bomb.size()).isLessThan(1024 * 1024);
        assertThatThrownBy(() -> XlsFormParser.requireFormSized(bomb.toByteArray(), "bomb.xlsx"))
                .isInstanceOfSatisfying(InvalidFormProblem.class, e -> assertThat(e.problems().getFirst().message())
                        .isEqualTo("its sheets expand to more than 104,857,600 bytes; an XLSForm's rows are questions, not data"));
        assertThatThrownBy(() -> XlsFormParser.requireFormSized(new byte[(int) XlsFormParser.MAX_WORKBOOK_BYTES + 1], "big.xlsx"))
                .isInstanceOfSatisfying(InvalidFormProblem.class, e -> assertThat(e.problems().getFirst().message()).startsWith("10,485,761 bytes"));
        // a real form passes
        XlsFormParser.requireFormSized(Workbooks.simpleForm("small_form", "1"), "small_form.xlsx");
    }

    @Test
    void missingTypeColumnIsReportedOnTheHeaderRow() {
        List<FormProblem> p = problems(Workbooks.xlsx(List.of(row("name", "label"), row("a", "A")), null, null));
        assertThat(p).singleElement().satisfies(x -> {
            assertThat(x.sheet()).isEqualTo("survey");
            assertThat(x.row()).isEqualTo(1);
            assertThat(x.column()).isEqualTo("type");
            assertThat(x.message()).contains("no type column");
        });
    }

    @Test
    void unknownTypeNamesRowAndColumn() {
        List<FormProblem> p = problems(Workbooks.xlsx(List.of(row("type", "name", "label"), row("text", "a", "A"), row("integr", "b", "B")), null, null));
        assertThat(p).singleElement().satisfies(x -> {
            assertThat(x.row()).isEqualTo(3);
            assertThat(x.column()).isEqualTo("A (type)");
            assertThat(x.message()).contains("unknown question type 'integr'");
        });
    }

    @Test
    void unbalancedGroupsAreReported() {
        List<FormProblem> open = problems(Workbooks.xlsx(List.of(row("type", "name", "label"), row("begin group", "g", "G"), row("text", "a", "A")), null, null));
        assertThat(open).singleElement().satisfies(x -> {
            assertThat(x.row()).isEqualTo(2);
            assertThat(x.message()).contains("begin group 'g' has no end group");
        });
        List<FormProblem> stray = problems(Workbooks.xlsx(List.of(row("type", "name", "label"), row("text", "a", "A"), row("end group")), null, null));
        assertThat(stray).singleElement().satisfies(x -> {
            assertThat(x.row()).isEqualTo(3);
            assertThat(x.message()).contains("no matching begin group");
        });
        List<FormProblem> crossed = problems(Workbooks.xlsx(List.of(row("type", "name", "label"), row("begin repeat", "r", "R"),
                row("text", "a", "A"), row("end group"), row("end repeat")), null, null));
        assertThat(crossed).extracting(FormProblem::message).anyMatch(m -> m.contains("closes the repeat 'r' begun on row 2"));
    }

    @Test
    void missingChoiceListAndDuplicateNames() {
        List<FormProblem> p = problems(Workbooks.xlsx(List.of(row("type", "name", "label"), row("select_one colours", "c", "Colour"),
                row("text", "a", "A"), row("integer", "a", "Again")), List.of(row("list_name", "name", "label"), row("yn", "y", "Yes")), null));
        assertThat(p).hasSize(2);
        assertThat(p.get(0).row()).isEqualTo(2);
        assertThat(p.get(0).column()).isEqualTo("A (type)");
        assertThat(p.get(0).message()).contains("choice list 'colours' is not in the choices sheet");
        assertThat(p.get(1).row()).isEqualTo(4);
        assertThat(p.get(1).column()).isEqualTo("B (name)");
        assertThat(p.get(1).message()).contains("'a' is used twice");
    }

    @Test
    void badRelevantSyntaxAndUnknownReferences() {
        List<FormProblem> p = problems(Workbooks.xlsx(List.of(row("type", "name", "label", "relevant", "constraint"),
                row("integer", "a", "A"), row("text", "b", "B", "${a} > ", null), row("text", "c", "C", "${nope} = 1"),
                row("text", "d", "D", null, "(. = 'x'")), null, null));
        assertThat(p).hasSize(3);
        assertThat(p.get(0)).satisfies(x -> {
            assertThat(x.row()).isEqualTo(3);
            assertThat(x.column()).isEqualTo("D (relevant)");
            assertThat(x.message()).contains("not a valid expression");
        });
        assertThat(p.get(1).message()).contains("${nope} refers to no question");
        assertThat(p.get(2).column()).isEqualTo("E (constraint)");
    }

    @Test
    void validSimpleFormHasOrOtherAndInlineLabels() throws Exception {
        FormDefinition form = parse(Workbooks.simpleForm("simple", "1"));
        assertThat(form.multilingual()).isFalse();
        assertThat(form.choices().get("assets")).extracting(Choice::name).containsExactly("radio", "tv", "other");
        Document doc = xml(XFormWriter.write(form));
        assertThat(doc.getElementsByTagNameNS(XFormWriter.XF, "itext").getLength()).isZero();
        assertThat(binds(doc).get("/test/income_pc").getAttribute("calculate")).isEqualTo(" /test/income  div  /test/hh_size ");
        assertThat(controls(doc).get("/test/members/age").getTextContent()).contains("Age");
    }

    @Test
    void expressionChecker() {
        Set<String> names = Set.of("a", "b");
        assertThat(Expressions.check("selected(${a}, 'x') and string-length(${b}) > 2 or count-selected(${a}) >= 1", names)).isNull();
        assertThat(Expressions.check("if(${a} = '', 0, ${a}) * 2 div 3 - -1", names)).isNull();
        assertThat(Expressions.check("regex(., '^[A-Z]+$') and . <= today()", names)).isNull();
        assertThat(Expressions.check("${a} = ", names)).contains("ends too early");
        assertThat(Expressions.check("'open", names)).contains("not closed");
        assertThat(Expressions.check("f(${a}", names)).contains("expected ')'");
    }

    @Test
    void anExpressionNestedBeyondAnyFormIsRefusedWithItsRowAndColumnNotAServerError() {
        Set<String> names = Set.of("a");
        String deepest = "(".repeat(Expressions.MAX_DEPTH - 1) + "${a}" + ")".repeat(Expressions.MAX_DEPTH - 1);
        assertThat(Expressions.check(deepest, names)).isNull();
        assertThat(Expressions.check("-".repeat(Expressions.MAX_DEPTH - 1) + "1", names)).isNull();
        assertThat(Expressions.check("(" + deepest + ")", names)).endsWith("it nests more than 100 levels deep");
        // thousands of brackets or signs in a cell ran the parser's stack out
        String brackets = "(".repeat(16_000) + "1" + ")".repeat(16_000);
        assertThat(Expressions.check("-".repeat(32_000) + "1", names)).endsWith("it nests more than 100 levels deep");
        List<FormProblem> p = problems(Workbooks.xlsx(List.of(row("type", "name", "label", "relevant", "constraint"),
                row("integer", "a", "A"), row("text", "b", "B", brackets + " = ${a}", null)), null, null));
        assertThat(p).singleElement().satisfies(x -> {
            assertThat(x.row()).isEqualTo(3);
            assertThat(x.column()).isEqualTo("D (relevant)");
            assertThat(x.message()).isEqualTo("'" + "(".repeat(117) + "...' is not a valid expression: it nests more than 100 levels deep");
        });
    }
}
