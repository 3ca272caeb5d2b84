package org.prosper.projects;

import java.io.InputStream;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import org.prosper.access.Actor;
import org.prosper.access.Permission;
import org.prosper.geo.GeoService;
import org.prosper.geo.OrgUnit;
import org.prosper.projects.IatiImportReport.ActivityOutcome;
import org.prosper.projects.IatiImportReport.Issue;
import org.prosper.projects.IatiImportReport.Kind;
import org.prosper.projects.ProjectData.*;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Imports IATI activity files. Each activity is written whole or not at all; an activity whose identifier exists
 * replaces that project. Results, indicators, baselines, periods, budgets and transactions are mapped completely
 * (document links and references inside results are kept as published); other elements are listed as not mapped.
 */
@Service
public class IatiImporter {

    private static final Set<String> TX_CODED = Set.of("disbursement-channel", "sector", "recipient-country", "recipient-region",
            "flow-type", "finance-type", "aid-type", "tied-status");
    private static final Map<String, String> TX_CODELIST = Map.of("recipient-country", "Country", "flow-type", "FlowType",
            "finance-type", "FinanceType", "tied-status", "TiedStatus", "recipient-region", "Region");
    private static final Map<String, String> LEVEL_OF_TYPE = Map.of("1", "OUTPUT", "2", "OUTCOME", "3", "GOAL", "9", "ACTIVITY");

    private final ProjectService projects;
    private final GeoService geo;
    private final Codelists codes;

    public IatiImporter(ProjectService projects, GeoService geo, Codelists codes) {
        this.projects = projects;
        this.geo = geo;
        this.codes = codes;
    }

    @Transactional
    public IatiImportReport importFile(Actor actor, String fileName, InputStream in) {
        actor.require(Permission.EDIT_PROJECTS);
        String file = fileName == null || fileName.isBlank() ? "upload.xml" : fileName;
        Document doc = LineNumberedXml.parse(in, file);
        Element root = doc.getDocumentElement();
        if (!"iati-activities".equals(root.getLocalName()) || root.getNamespaceURI() != null) {
            throw new IatiFileProblem(file, LineNumberedXml.line(root), 0, "the root element is <" + root.getTagName()
                    + ">, not <iati-activities>: only IATI activity files can be imported");
        }
        Run run = new Run();
        String version = root.getAttribute("version");
        if (!"2.03".equals(version)) {
            run.issue(Kind.NOTE, "/iati-activities/@version", root, "version '" + version + "' is not 2.03; the file was read as 2.03");
        }
        List<ActivityOutcome> outcomes = new ArrayList<>();
        int created = 0, updated = 0, refused = 0, index = 0;
        for (Element activity : children(root)) {
            String path = "/iati-activities/" + activity.getTagName() + "[" + (++index) + "]";
            if (!"iati-activity".equals(activity.getTagName()) || activity.getNamespaceURI() != null) {
                run.issue(Kind.UNMAPPED, path, activity, "element <" + activity.getTagName() + "> is not an activity");
                continue;
            }
            Mapped mapped;
            try {
                mapped = activity(run, activity, "/iati-activities/iati-activity[" + index + "]");
            } catch (Refused r) {
                outcomes.add(new ActivityOutcome(r.identifier, "REFUSED", null, r.getMessage()));
                refused++;
                continue;
            }
            String why = scopeProblem(actor, mapped);
            if (why != null) {
                outcomes.add(new ActivityOutcome(mapped.data.iatiIdentifier(), "REFUSED", null, why));
                run.issue(Kind.INVALID, mapped.path, activity, why);
                refused++;
                continue;
            }
            boolean exists = existing(mapped.data.iatiIdentifier()).isPresent();
            long id;
            try {
                id = projects.saveImported(actor, mapped.data, mapped.units);
            } catch (ProjectConflictProblem e) {
                outcomes.add(new ActivityOutcome(mapped.data.iatiIdentifier(), "REFUSED", null, e.getMessage()));
                run.issue(Kind.INVALID, mapped.path, activity, e.getMessage());
                refused++;
                continue;
            }
            outcomes.add(new ActivityOutcome(mapped.data.iatiIdentifier(), exists ? "UPDATED" : "CREATED", id, null));
            if (exists) updated++;
            else created++;
        }
        return new IatiImportReport(file, version, index, created, updated, refused, outcomes, run.issues);
    }

    private Optional<Long> existing(String identifier) {
        return projects.idByIdentifier(identifier);
    }

    private String scopeProblem(Actor actor, Mapped m) {
        Optional<Long> id = existing(m.data.iatiIdentifier());
        if (id.isPresent() && !projects.mayEdit(actor, id.get())) {
            return "activity " + m.data.iatiIdentifier() + " exists as project " + id.get() + ", which " + actor.username() + " may not change";
        }
        if (actor.isGlobal()) return null;
        if (m.units.isEmpty()) return "activity " + m.data.iatiIdentifier() + " serves no org unit of " + actor.username() + "'s scope";
        for (ProjectRepository.UnitRow u : m.units) {
            if (!actor.reaches(u.orgPath())) return "activity " + m.data.iatiIdentifier() + " serves org units outside the scope of " + actor.username();
        }
        return null;
    }

    private record Mapped(ProjectData data, List<ProjectRepository.UnitRow> units, String path) {
    }

    private static final class Refused extends RuntimeException {
        final String identifier;

        Refused(String identifier, String message) {
            super(message);
            this.identifier = identifier;
        }
    }

    private static final class Run {
        final List<Issue> issues = new ArrayList<>();

        void issue(Kind kind, String path, Element at, String message) {
            issues.add(new Issue(kind, path, at == null ? 0 : LineNumberedXml.line(at), message));
        }
    }

    private Mapped activity(Run run, Element a, String path) {
        String lang = attr(a, "xml:lang");
        if (lang == null) lang = "en";
        String currency = attr(a, "default-currency");
        if (currency != null) codelist(run, "Currency", currency, path + "/@default-currency", a);
        String identifier = null;
        Org reporting = null;
        Map<String, String> title = Map.of(), description = null, objectives = null;
        String status = null;
        LocalDate plannedStart = null, actualStart = null, plannedEnd = null, actualEnd = null;
        List<Org> partners = new ArrayList<>();
        List<CountryShare> countries = new ArrayList<>();
        List<Sector> sectors = new ArrayList<>();
        List<Tag> tags = new ArrayList<>();
        List<Budget> budgets = new ArrayList<>();
        List<Transaction> transactions = new ArrayList<>();
        List<Result> results = new ArrayList<>();
        LinkedHashSet<String> villages = new LinkedHashSet<>();
        List<OrgUnit> recipientCountries = new ArrayList<>();
        Map<String, Integer> counters = new HashMap<>();
        for (String attrName : List.of("humanitarian", "linked-data-uri", "budget-not-provided")) {
            if (a.hasAttribute(attrName)) run.issue(Kind.UNMAPPED, path + "/@" + attrName, a, "attribute " + attrName + " is not kept");
        }
        Integer hierarchy = null;
        if (a.hasAttribute("hierarchy")) {
            try { hierarchy = Integer.valueOf(a.getAttribute("hierarchy")); } catch (NumberFormatException e) {
                run.issue(Kind.INVALID, path + "/@hierarchy", a, "hierarchy '" + a.getAttribute("hierarchy") + "' is not a number; left out");
            }
        }
        for (Element e : children(a)) {
            String name = e.getTagName();
            String p = path + "/" + name + "[" + counters.merge(name, 1, Integer::sum) + "]";
            if (e.getNamespaceURI() != null) {
                run.issue(Kind.UNMAPPED, p, e, "extension element <" + name + "> (" + e.getNamespaceURI() + ") is not kept");
                continue;
            }
            switch (name) {
                case "iati-identifier" -> identifier = e.getTextContent().trim();
                case "reporting-org" -> {
                    reporting = new Org(attr(e, "ref"), attr(e, "type"), null, null, narratives(e, lang));
                    if (reporting.type() != null) codelist(run, "OrganisationType", reporting.type(), p + "/@type", e);
                    if (e.hasAttribute("secondary-reporter")) run.issue(Kind.UNMAPPED, p + "/@secondary-reporter", e, "secondary-reporter is not kept");
                }
                case "title" -> title = narratives(e, lang);
                case "description" -> {
                    String type = attr(e, "type");
                    if (type == null || "1".equals(type)) {
                        if (description == null) description = narratives(e, lang);
                        else run.issue(Kind.UNMAPPED, p, e, "a second general description is not kept");
                    } else if ("2".equals(type) && objectives == null) objectives = narratives(e, lang);
                    else run.issue(Kind.UNMAPPED, p, e, "description of type " + type + " is not kept (general and objectives are)");
                }
                case "participating-org" -> {
                    String role = attr(e, "role");
                    codelist(run, "OrganisationRole", role, p + "/@role", e);
                    String type = attr(e, "type");
                    if (type != null || e.hasAttribute("type")) codelist(run, "OrganisationType", type, p + "/@type", e);
                    if (e.hasAttribute("crs-channel-code")) run.issue(Kind.UNMAPPED, p + "/@crs-channel-code", e, "crs-channel-code is not kept");
                    partners.add(new Org(attr(e, "ref"), type, role == null ? "" : role, attr(e, "activity-id"), narratives(e, lang)));
                }
                case "activity-status" -> {
                    status = attr(e, "code");
                    codelist(run, "ActivityStatus", status, p + "/@code", e);
                }
                case "activity-date" -> {
                    LocalDate d = date(run, e, "iso-date", p);
                    String type = attr(e, "type");
                    switch (type == null ? "" : type) {
                        case "1" -> plannedStart = d;
                        case "2" -> actualStart = d;
                        case "3" -> plannedEnd = d;
                        case "4" -> actualEnd = d;
                        default -> run.issue(Kind.CODELIST, p + "/@type", e, "activity date type '" + type + "' is not in the ActivityDateType codelist; the date is not kept");
                    }
                    if (!children(e).isEmpty()) run.issue(Kind.UNMAPPED, p + "/narrative", e, "a date's narrative is not kept");
                }
                case "recipient-country" -> {
                    String code = attr(e, "code");
                    codelist(run, "Country", code, p + "/@code", e);
                    countries.add(new CountryShare(code == null ? "" : code, decimal(run, e, "percentage", p)));
                    if (code != null && geo.isCountry(code)) recipientCountries.add(geo.countryUnit(code));
                }
                case "location" -> {
                    String ref = attr(e, "ref");
                    Optional<OrgUnit> named = ref == null ? Optional.empty() : geo.unitByCode(ref);
                    Optional<OrgUnit> unit = named.flatMap(geo::current);
                    if (named.isEmpty()) {
                        run.issue(Kind.UNMAPPED, p, e, "location " + (ref == null ? "without ref" : "'" + ref + "'") + " matches no org unit code; not kept");
                    } else if (unit.isEmpty()) {
                        run.issue(Kind.UNMAPPED, p, e, "location '" + ref + "': " + geo.retired(named.get()) + "; not kept");
                    } else {
                        // a file written before a merge names the merged unit: the project serves what carries it on
                        if (!unit.get().equals(named.get())) run.issue(Kind.NOTE, p, e, "location '" + ref + "': " + geo.retired(named.get()) + "; kept as " + unit.get().code());
                        villages.add(unit.get().code());
                    }
                }
                case "sector" -> {
                    String vocab = attr(e, "vocabulary");
                    String code = attr(e, "code");
                    if (vocab != null) codelist(run, "SectorVocabulary", vocab, p + "/@vocabulary", e);
                    if (vocab == null || "1".equals(vocab)) codelist(run, "Sector", code, p + "/@code", e);
                    if (e.hasAttribute("vocabulary-uri")) run.issue(Kind.UNMAPPED, p + "/@vocabulary-uri", e, "vocabulary-uri is not kept");
                    sectors.add(new Sector(vocab, code == null ? "" : code, decimal(run, e, "percentage", p), narratives(e, lang)));
                }
                case "tag" -> {
                    String vocab = attr(e, "vocabulary");
                    String code = attr(e, "code");
                    if ("3".equals(vocab)) codelist(run, "UNSDG-Targets", code, p + "/@code", e);
                    if (e.hasAttribute("vocabulary-uri")) run.issue(Kind.UNMAPPED, p + "/@vocabulary-uri", e, "vocabulary-uri is not kept");
                    if (vocab == null || code == null) run.issue(Kind.INVALID, p, e, "a tag needs vocabulary and code; not kept");
                    else tags.add(new Tag(vocab, code, narratives(e, lang)));
                }
                case "budget" -> {
                    Budget b = budget(run, e, p, currency);
                    if (b != null) budgets.add(b);
                }
                case "transaction" -> {
                    Transaction t = transaction(run, e, p, currency, lang);
                    if (t != null) transactions.add(t);
                }
                case "result" -> {
                    Result r = result(run, e, p, lang);
                    if (r != null) results.add(r);
                }
                default -> run.issue(Kind.UNMAPPED, p, e, "element <" + name + "> is not kept");
            }
        }
        if (identifier == null || identifier.isBlank()) {
            run.issue(Kind.INVALID, path + "/iati-identifier", a, "the activity has no iati-identifier; it was not imported");
            throw new Refused(null, "no iati-identifier");
        }
        if (Texts.isEmpty(title)) {
            run.issue(Kind.INVALID, path + "/title", a, "activity " + identifier + " has no title; it was not imported");
            throw new Refused(identifier, "no title");
        }
        if (status == null) {
            run.issue(Kind.INVALID, path + "/activity-status", a, "activity " + identifier + " has no activity-status; it was not imported");
            throw new Refused(identifier, "no activity-status");
        }
        List<String> tooMany = ProjectLimits.exceeded(new ProjectData(null, identifier, null, lang, title, description, objectives, status,
                null, null, null, null, currency, null, reporting, hierarchy, "IATI", 1, partners, List.copyOf(villages), List.of(), countries,
                sectors, tags, budgets, transactions, results, null));
        if (!tooMany.isEmpty()) {
            String why = "activity " + identifier + " is too large (" + String.join("; ", tooMany) + "); it was not imported";
            run.issue(Kind.INVALID, path, a, why);
            throw new Refused(identifier, why);
        }
        // a recipient country is served as a whole only when none of the activity's locations is in it (an activity
        // exported with its villages names their countries too; reading those back as served units changed its plan)
        for (OrgUnit country : recipientCountries) {
            boolean located = villages.stream().map(geo::unitByCode).flatMap(Optional::stream).anyMatch(u -> u.path().startsWith(country.path()));
            if (!located) villages.add(country.code());
        }
        List<ProjectRepository.UnitRow> units = new ArrayList<>();
        for (String code : villages) {
            OrgUnit u = geo.unitByCode(code).orElseThrow();
            units.add(new ProjectRepository.UnitRow(u.id(), u.path(), "SERVED"));
        }
        ProjectData data = new ProjectData(null, identifier, null, lang, title, description, objectives, status, plannedStart, plannedEnd,
                actualStart, actualEnd, currency, null, reporting == null ? new Org(ProjectService.REPORTING_REF, null, null, null, Map.of()) : reporting,
                hierarchy, "IATI", 1, partners, List.copyOf(villages), List.of(), countries, sectors, tags, budgets, transactions, results, null);
        return new Mapped(data, units, path);
    }

    private Budget budget(Run run, Element e, String p, String defaultCurrency) {
        String type = attr(e, "type");
        if (type != null) codelist(run, "BudgetType", type, p + "/@type", e);
        LocalDate start = null, end = null;
        Money money = null;
        for (Element c : children(e)) {
            switch (c.getTagName()) {
                case "period-start" -> start = date(run, c, "iso-date", p + "/period-start");
                case "period-end" -> end = date(run, c, "iso-date", p + "/period-end");
                case "value" -> money = money(run, c, p + "/value", defaultCurrency);
                default -> run.issue(Kind.UNMAPPED, p + "/" + c.getTagName(), c, "element <" + c.getTagName() + "> is not kept");
            }
        }
        if (start == null || end == null || money == null) {
            run.issue(Kind.INVALID, p, e, "a budget needs period-start, period-end and value; not kept");
            return null;
        }
        return new Budget(type, attr(e, "status"), start, end, money.value, money.currency, money.valueDate);
    }

    private Transaction transaction(Run run, Element e, String p, String defaultCurrency, String lang) {
        String type = null;
        LocalDate date = null;
        Money money = null;
        Map<String, String> description = Map.of();
        Org provider = null, receiver = null;
        List<Coded> coded = new ArrayList<>();
        Map<String, Integer> counters = new HashMap<>();
        for (Element c : children(e)) {
            String name = c.getTagName();
            String cp = p + "/" + name + "[" + counters.merge(name, 1, Integer::sum) + "]";
            if (c.getNamespaceURI() != null) {
                run.issue(Kind.UNMAPPED, cp, c, "extension element <" + name + "> is not kept");
                continue;
            }
            switch (name) {
                case "transaction-type" -> {
                    type = attr(c, "code");
                    codelist(run, "TransactionType", type, cp + "/@code", c);
                }
                case "transaction-date" -> date = date(run, c, "iso-date", cp);
                case "value" -> money = money(run, c, cp, defaultCurrency);
                case "description" -> description = narratives(c, lang);
                case "provider-org" -> provider = party(run, c, cp, "provider-activity-id", lang);
                case "receiver-org" -> receiver = party(run, c, cp, "receiver-activity-id", lang);
                default -> {
                    if (TX_CODED.contains(name)) {
                        Map<String, String> attrs = new LinkedHashMap<>();
                        for (int i = 0; i < c.getAttributes().getLength(); i++) {
                            Node at = c.getAttributes().item(i);
                            attrs.put(at.getNodeName(), at.getNodeValue());
                        }
                        String list = TX_CODELIST.get(name);
                        if ("sector".equals(name) && (attrs.get("vocabulary") == null || "1".equals(attrs.get("vocabulary")))) list = "Sector";
                        if ("aid-type".equals(name) && (attrs.get("vocabulary") == null || "1".equals(attrs.get("vocabulary")))) list = "AidType";
                        if ("recipient-region".equals(name) && attrs.get("vocabulary") != null && !"1".equals(attrs.get("vocabulary"))) list = null;
                        if (list != null) codelist(run, list, attrs.get("code"), cp + "/@code", c);
                        coded.add(new Coded(name, attrs, narratives(c, lang)));
                    } else {
                        run.issue(Kind.UNMAPPED, cp, c, "element <" + name + "> is not kept");
                    }
                }
            }
        }
        if (type == null || date == null || money == null) {
            run.issue(Kind.INVALID, p, e, "a transaction needs transaction-type, transaction-date and value; not kept");
            return null;
        }
        Boolean humanitarian = e.hasAttribute("humanitarian") ? bool(e.getAttribute("humanitarian")) : null;
        return new Transaction(attr(e, "ref"), humanitarian, type, date, money.value, money.currency, money.valueDate, description,
                provider, receiver, coded);
    }

    private Org party(Run run, Element e, String p, String activityAttr, String lang) {
        String type = attr(e, "type");
        if (type != null) codelist(run, "OrganisationType", type, p + "/@type", e);
        return new Org(attr(e, "ref"), type, null, attr(e, activityAttr), narratives(e, lang));
    }

    private Result result(Run run, Element e, String p, String lang) {
        String type = attr(e, "type");
        codelist(run, "ResultType", type, p + "/@type", e);
        Map<String, String> title = Map.of(), description = Map.of();
        List<Element> extra = new ArrayList<>();
        List<Indicator> indicators = new ArrayList<>();
        int n = 0;
        for (Element c : children(e)) {
            switch (c.getTagName()) {
                case "title" -> title = narratives(c, lang);
                case "description" -> description = narratives(c, lang);
                case "document-link", "reference" -> extra.add(c);
                case "indicator" -> indicators.add(indicator(run, c, p + "/indicator[" + (++n) + "]", lang));
                default -> run.issue(Kind.UNMAPPED, p + "/" + c.getTagName(), c, "element <" + c.getTagName() + "> is not kept");
            }
        }
        String level = LEVEL_OF_TYPE.getOrDefault(type == null ? "" : type, "OUTCOME");
        return new Result(null, level, type == null ? "" : type, e.hasAttribute("aggregation-status") ? bool(e.getAttribute("aggregation-status")) : null,
                title, description, fragment(extra), indicators);
    }

    private Indicator indicator(Run run, Element e, String p, String lang) {
        String measure = attr(e, "measure");
        codelist(run, "IndicatorMeasure", measure, p + "/@measure", e);
        Map<String, String> title = Map.of(), description = Map.of();
        List<Element> extra = new ArrayList<>();
        List<Value> baselines = new ArrayList<>();
        List<Period> periods = new ArrayList<>();
        for (Element c : children(e)) {
            switch (c.getTagName()) {
                case "title" -> title = narratives(c, lang);
                case "description" -> description = narratives(c, lang);
                case "document-link", "reference" -> extra.add(c);
                case "baseline" -> baselines.add(value(run, c, p + "/baseline", lang, true));
                case "period" -> {
                    LocalDate start = null, end = null;
                    List<Value> targets = new ArrayList<>(), actuals = new ArrayList<>();
                    for (Element pc : children(c)) {
                        switch (pc.getTagName()) {
                            case "period-start" -> start = date(run, pc, "iso-date", p + "/period/period-start");
                            case "period-end" -> end = date(run, pc, "iso-date", p + "/period/period-end");
                            case "target" -> targets.add(value(run, pc, p + "/period/target", lang, false));
                            case "actual" -> actuals.add(value(run, pc, p + "/period/actual", lang, false));
                            default -> run.issue(Kind.UNMAPPED, p + "/period/" + pc.getTagName(), pc, "element <" + pc.getTagName() + "> is not kept");
                        }
                    }
                    if (start == null || end == null) run.issue(Kind.INVALID, p + "/period", c, "a period needs period-start and period-end; not kept");
                    else periods.add(new Period(null, start, end, null, targets, actuals));
                }
                default -> run.issue(Kind.UNMAPPED, p + "/" + c.getTagName(), c, "element <" + c.getTagName() + "> is not kept");
            }
        }
        return new Indicator(null, null, title, description, null, null, measure == null ? "1" : measure,
                e.hasAttribute("ascending") ? bool(e.getAttribute("ascending")) : null,
                e.hasAttribute("aggregation-status") ? bool(e.getAttribute("aggregation-status")) : null,
                List.of(), "ENTERED", null, null, null, null, fragment(extra), baselines, periods);
    }

    private Value value(Run run, Element e, String p, String lang, boolean baseline) {
        List<Dimension> dims = new ArrayList<>();
        List<String> locations = new ArrayList<>();
        Map<String, String> comment = Map.of();
        List<Element> extra = new ArrayList<>();
        for (Element c : children(e)) {
            switch (c.getTagName()) {
                case "location" -> locations.add(c.getAttribute("ref"));
                case "dimension" -> dims.add(new Dimension(c.getAttribute("name"), c.getAttribute("value")));
                case "comment" -> comment = narratives(c, lang);
                case "document-link" -> extra.add(c);
                default -> run.issue(Kind.UNMAPPED, p + "/" + c.getTagName(), c, "element <" + c.getTagName() + "> is not kept");
            }
        }
        Integer year = null;
        LocalDate isoDate = null;
        if (baseline) {
            try {
                year = Integer.valueOf(e.getAttribute("year").trim());
            } catch (NumberFormatException ex) {
                run.issue(Kind.INVALID, p + "/@year", e, "baseline year '" + e.getAttribute("year") + "' is not a year");
            }
            if (e.hasAttribute("iso-date")) isoDate = date(run, e, "iso-date", p);
        }
        return new Value(year, isoDate, attr(e, "value"), dims, locations, comment, null, "ENTERED", fragment(extra));
    }

    // ------------------------------------------------------------ small readers

    private record Money(BigDecimal value, String currency, LocalDate valueDate) {
    }

    private Money money(Run run, Element e, String p, String defaultCurrency) {
        BigDecimal value;
        try {
            value = new BigDecimal(e.getTextContent().trim());
        } catch (NumberFormatException ex) {
            run.issue(Kind.INVALID, p, e, "value '" + e.getTextContent().trim() + "' is not a number");
            return null;
        }
        String currency = attr(e, "currency");
        if (currency != null) codelist(run, "Currency", currency, p + "/@currency", e);
        else if (defaultCurrency == null) run.issue(Kind.INVALID, p + "/@currency", e, "no currency and no default-currency on the activity");
        LocalDate valueDate = e.hasAttribute("value-date") ? date(run, e, "value-date", p) : null;
        return new Money(value, currency, valueDate);
    }

    private LocalDate date(Run run, Element e, String attribute, String p) {
        String v = attr(e, attribute);
        if (v == null) {
            run.issue(Kind.INVALID, p + "/@" + attribute, e, attribute + " is missing");
            return null;
        }
        try {
            return LocalDate.parse(v.length() > 10 ? v.substring(0, 10) : v);
        } catch (DateTimeParseException ex) {
            run.issue(Kind.INVALID, p + "/@" + attribute, e, attribute + " '" + v + "' is not a date (YYYY-MM-DD)");
            return null;
        }
    }

    private BigDecimal decimal(Run run, Element e, String attribute, String p) {
        String v = attr(e, attribute);
        if (v == null) return null;
        try {
            return new BigDecimal(v);
        } catch (NumberFormatException ex) {
            run.issue(Kind.INVALID, p + "/@" + attribute, e, attribute + " '" + v + "' is not a number; left out");
            return null;
        }
    }

    private void codelist(Run run, String list, String code, String path, Element at) {
        if (code == null || code.isBlank()) {
            run.issue(Kind.CODELIST, path, at, "empty value; the " + list + " codelist requires a code");
            return;
        }
        Optional<Codelists.Item> item = codes.find(list, code);
        if (item.isEmpty()) run.issue(Kind.CODELIST, path, at, "'" + code + "' is not in the " + list + " codelist; kept as published");
        else if (item.get().withdrawn()) run.issue(Kind.CODELIST, path, at, "'" + code + "' (" + item.get().name() + ") is withdrawn from the " + list + " codelist; kept as published");
    }

    private static Boolean bool(String v) {
        return "1".equals(v.trim()) || "true".equalsIgnoreCase(v.trim());
    }

    private static String attr(Element e, String name) {
        String v;
        if (name.equals("xml:lang")) v = e.getAttributeNS(javax.xml.XMLConstants.XML_NS_URI, "lang");
        else v = e.getAttribute(name);
        return v == null || v.isEmpty() ? null : v;
    }

    private static Map<String, String> narratives(Element e, String lang) {
        Map<String, String> text = new LinkedHashMap<>();
        for (Element c : children(e)) {
            if (!"narrative".equals(c.getTagName())) continue;
            String l = attr(c, "xml:lang");
            text.merge(l == null ? lang : l, c.getTextContent(), (a, b) -> a + "\n" + b);
        }
        return text;
    }

    static List<Element> children(Element e) {
        List<Element> out = new ArrayList<>();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) if (n instanceof Element c) out.add(c);
        return out;
    }

    /** Elements kept as published, serialized inside one wrapper element. */
    private static String fragment(List<Element> elements) {
        if (elements.isEmpty()) return null;
        try {
            Document doc = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder().newDocument();
            Element wrapper = doc.createElement("kept");
            doc.appendChild(wrapper);
            for (Element e : elements) wrapper.appendChild(doc.importNode(e, true));
            var t = TransformerFactory.newInstance().newTransformer();
            t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            StringWriter out = new StringWriter();
            t.transform(new DOMSource(doc), new StreamResult(out));
            return out.toString();
        } catch (Exception ex) {
            throw new IllegalStateException("cannot keep IATI fragment: " + ex.getMessage(), ex);
        }
    }
}
