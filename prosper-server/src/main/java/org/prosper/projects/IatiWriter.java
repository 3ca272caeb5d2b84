package org.prosper.projects;

import java.io.OutputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import org.prosper.geo.OrgUnit;
import org.prosper.projects.ProjectData.*;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

/**
 * Writes projects as one IATI 2.03 iati-activities document. Elements come in the order the schema requires; a value
 * the project lacks is left out unless the schema requires the element, in which case the nearest honest value is
 * used (see {@link #write}). Every output of this class is validated against the official XSDs in the tests.
 */
final class IatiWriter {

    static final Map<String, String> RESULT_TYPE = Map.of("GOAL", "3", "OUTCOME", "2", "OUTPUT", "1", "ACTIVITY", "9");

    private final XMLStreamWriter w;
    private final Function<String, Optional<OrgUnit>> units;
    private int depth;

    private IatiWriter(XMLStreamWriter w, Function<String, Optional<OrgUnit>> units) {
        this.w = w;
        this.units = units;
    }

    /**
     * Schema-required elements a project may lack are filled as follows: description falls back to the title; a
     * project without partners lists its reporting organisation as accountable (role 2); without any date, the earliest
     * date of its budgets, transactions or periods (else the export date) is given as planned start; value-date falls
     * back to the budget's period start or the transaction date; an indicator without measure is a unit measure (1);
     * results without indicators are left out (the schema requires one).
     */
    static void write(List<ProjectData> projects, OutputStream out, Function<String, Optional<OrgUnit>> units) {
        try {
            XMLStreamWriter xml = XMLOutputFactory.newInstance().createXMLStreamWriter(out, "UTF-8");
            IatiWriter writer = new IatiWriter(xml, units);
            xml.writeStartDocument("UTF-8", "1.0");
            writer.nl();
            xml.writeStartElement("iati-activities");
            xml.writeAttribute("version", "2.03");
            xml.writeAttribute("generated-datetime", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
            writer.depth++;
            for (ProjectData p : projects) writer.activity(p);
            writer.depth--;
            writer.nl();
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.flush();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("IATI export failed: " + e.getMessage(), e);
        }
    }

    private void activity(ProjectData p) throws XMLStreamException {
        String lang = p.language() == null ? "en" : p.language();
        start("iati-activity");
        w.writeAttribute("xml", XMLConstants.XML_NS_URI, "lang", lang);
        if (p.defaultCurrency() != null) w.writeAttribute("default-currency", p.defaultCurrency());
        w.writeAttribute("last-updated-datetime", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        if (p.hierarchy() != null) w.writeAttribute("hierarchy", p.hierarchy().toString());
        textElement("iati-identifier", p.iatiIdentifier());
        Org reporting = p.reportingOrg() == null ? new Org(ProjectService.REPORTING_REF, null, null, null, Map.of()) : p.reportingOrg();
        start("reporting-org");
        attr("ref", reporting.ref() == null ? ProjectService.REPORTING_REF : reporting.ref());
        w.writeAttribute("type", reporting.type() == null ? "" : reporting.type()); // required by the schema, even when unknown
        narratives(reporting.name(), lang);
        end();
        narrativeElement("title", p.title(), lang, null);
        narrativeElement("description", Texts.isEmpty(p.description()) ? p.title() : p.description(), lang, "1");
        if (!Texts.isEmpty(p.objectives())) narrativeElement("description", p.objectives(), lang, "2");
        List<Org> partners = p.partners().isEmpty() ? List.of(new Org(reporting.ref(), reporting.type(), "2", null, reporting.name())) : p.partners();
        for (Org o : partners) {
            start("participating-org");
            attr("ref", o.ref());
            attr("type", o.type());
            w.writeAttribute("role", o.role() == null ? "2" : o.role());
            attr("activity-id", o.activityId());
            narratives(o.name(), lang);
            end();
        }
        empty("activity-status", "code", p.status() == null ? "2" : p.status());
        boolean anyDate = false;
        anyDate |= date("1", p.plannedStart());
        anyDate |= date("2", p.actualStart());
        anyDate |= date("3", p.plannedEnd());
        anyDate |= date("4", p.actualEnd());
        if (!anyDate) date("1", earliest(p));
        for (CountryShare c : p.countries()) {
            start("recipient-country");
            attr("code", c.code());
            if (c.percentage() != null) attr("percentage", plain(c.percentage()));
            end();
        }
        for (String code : p.villages()) {
            Optional<OrgUnit> unit = units.apply(code);
            if (unit.isEmpty() || unit.get().depth() == 0) continue;
            OrgUnit u = unit.get();
            start("location");
            attr("ref", u.code());
            empty("location-reach", "code", "1");
            start("name");
            narrative(u.nameEn(), null);
            if (u.nameLocal() != null && !u.nameLocal().isBlank() && !u.nameLocal().equals(u.nameEn())) narrative(u.nameLocal(), org.prosper.geo.LocalNames.languageOf(u.countryCode()));
            end();
            if (u.latitude() != null && u.longitude() != null) {
                start("point");
                attr("srsName", "http://www.opengis.net/def/crs/EPSG/0/4326");
                textElement("pos", u.latitude() + " " + u.longitude());
                end();
            }
            empty("exactness", "code", "1");
            empty("location-class", "code", "2");
            end();
        }
        for (Sector s : p.sectors()) {
            start("sector");
            attr("vocabulary", s.vocabulary());
            w.writeAttribute("code", s.code() == null ? "" : s.code());
            if (s.percentage() != null) attr("percentage", plain(s.percentage()));
            narratives(s.narrative(), lang);
            end();
        }
        for (Tag t : p.tags()) {
            start("tag");
            attr("vocabulary", t.vocabulary());
            attr("code", t.code());
            narratives(t.narrative(), lang);
            end();
        }
        for (Budget b : p.budgets()) {
            start("budget");
            attr("type", b.type());
            attr("status", b.status());
            empty("period-start", "iso-date", b.periodStart().toString());
            empty("period-end", "iso-date", b.periodEnd().toString());
            money(b.value(), b.currency(), b.valueDate() == null ? b.periodStart() : b.valueDate());
            end();
        }
        for (Transaction t : p.transactions()) transaction(t, lang);
        for (Result r : p.results()) {
            if (r.indicators().isEmpty()) continue;
            result(r, lang);
        }
        end();
    }

    private void transaction(Transaction t, String lang) throws XMLStreamException {
        start("transaction");
        attr("ref", t.ref());
        if (t.humanitarian() != null) attr("humanitarian", t.humanitarian() ? "1" : "0");
        empty("transaction-type", "code", t.type());
        empty("transaction-date", "iso-date", t.date().toString());
        money(t.value(), t.currency(), t.valueDate() == null ? t.date() : t.valueDate());
        if (!Texts.isEmpty(t.description())) narrativeElement("description", t.description(), lang, null);
        party("provider-org", "provider-activity-id", t.provider(), lang);
        party("receiver-org", "receiver-activity-id", t.receiver(), lang);
        for (Coded c : t.classifications()) {
            start(c.element());
            for (var a : c.attributes().entrySet()) attr(a.getKey(), a.getValue());
            narratives(c.narrative(), lang);
            end();
        }
        end();
    }

    private void party(String element, String activityAttr, Org o, String lang) throws XMLStreamException {
        if (o == null) return;
        start(element);
        attr(activityAttr, o.activityId());
        attr("type", o.type());
        attr("ref", o.ref());
        narratives(o.name(), lang);
        end();
    }

    private void result(Result r, String lang) throws XMLStreamException {
        start("result");
        attr("type", r.type() != null ? r.type() : RESULT_TYPE.getOrDefault(r.level(), "9"));
        if (r.aggregationStatus() != null) attr("aggregation-status", r.aggregationStatus() ? "1" : "0");
        narrativeElement("title", r.title(), lang, null);
        if (!Texts.isEmpty(r.description())) narrativeElement("description", r.description(), lang, null);
        extra(r.extraXml());
        for (Indicator i : r.indicators()) {
            start("indicator");
            attr("measure", i.measure() == null ? "1" : i.measure());
            if (i.ascending() != null) attr("ascending", i.ascending() ? "1" : "0");
            if (i.aggregationStatus() != null) attr("aggregation-status", i.aggregationStatus() ? "1" : "0");
            narrativeElement("title", i.title(), lang, null);
            if (!Texts.isEmpty(i.description())) narrativeElement("description", i.description(), lang, null);
            extra(i.extraXml());
            for (Value b : i.baselines()) {
                start("baseline");
                Integer year = b.year() != null ? b.year() : b.isoDate() != null ? b.isoDate().getYear() : null;
                if (year == null) year = i.periods().isEmpty() ? LocalDate.now().getYear() : i.periods().getFirst().start().getYear();
                attr("year", year.toString());
                if (b.isoDate() != null) attr("iso-date", b.isoDate().toString());
                attr("value", b.value());
                valueBody(b, lang, true);
                end();
            }
            for (Period per : i.periods()) {
                start("period");
                empty("period-start", "iso-date", per.start().toString());
                empty("period-end", "iso-date", per.end().toString());
                for (Value t : per.targets()) valueElement("target", t, lang);
                for (Value a : per.actuals()) valueElement("actual", a, lang);
                end();
            }
            end();
        }
        end();
    }

    private void valueElement(String name, Value v, String lang) throws XMLStreamException {
        start(name);
        attr("value", v.value());
        valueBody(v, lang, false);
        end();
    }

    /** Baselines put document links before the comment; targets and actuals after it. */
    private void valueBody(Value v, String lang, boolean baseline) throws XMLStreamException {
        for (String l : v.locations()) empty("location", "ref", l);
        for (Dimension d : v.dimensions()) {
            start("dimension");
            attr("name", d.name());
            attr("value", d.value());
            end();
        }
        if (baseline) extra(v.extraXml());
        if (!Texts.isEmpty(v.comment())) narrativeElement("comment", v.comment(), lang, null);
        if (!baseline) extra(v.extraXml());
    }

    private LocalDate earliest(ProjectData p) {
        Stream<LocalDate> dates = Stream.concat(p.budgets().stream().map(Budget::periodStart), p.transactions().stream().map(Transaction::date));
        dates = Stream.concat(dates, p.results().stream().flatMap(r -> r.indicators().stream()).flatMap(i -> i.periods().stream()).map(Period::start));
        return dates.filter(Objects::nonNull).min(Comparator.naturalOrder()).orElse(LocalDate.now());
    }

    private boolean date(String type, LocalDate d) throws XMLStreamException {
        if (d == null) return false;
        start("activity-date");
        attr("type", type);
        attr("iso-date", d.toString());
        end();
        return true;
    }

    private void money(BigDecimal value, String currency, LocalDate valueDate) throws XMLStreamException {
        start("value");
        attr("currency", currency);
        attr("value-date", valueDate.toString());
        w.writeCharacters(plain(value));
        w.writeEndElement();
        depth--;
    }

    private static String plain(BigDecimal b) {
        return ProjectRepository.strip(b).toPlainString();
    }

    // ------------------------------------------------------------ low-level writing

    private void narrativeElement(String name, Map<String, String> text, String lang, String type) throws XMLStreamException {
        start(name);
        attr("type", type);
        if (Texts.isEmpty(text)) narrative("", null);
        else narratives(text, lang);
        end();
    }

    private void narratives(Map<String, String> text, String defaultLang) throws XMLStreamException {
        if (text == null) return;
        for (var e : text.entrySet()) narrative(e.getValue(), e.getKey().equals(defaultLang) ? null : e.getKey());
    }

    private void narrative(String text, String lang) throws XMLStreamException {
        nl();
        w.writeStartElement("narrative");
        if (lang != null) w.writeAttribute("xml", XMLConstants.XML_NS_URI, "lang", lang);
        w.writeCharacters(text);
        w.writeEndElement();
    }

    private void textElement(String name, String text) throws XMLStreamException {
        nl();
        w.writeStartElement(name);
        w.writeCharacters(text == null ? "" : text);
        w.writeEndElement();
    }

    private void empty(String name, String attribute, String value) throws XMLStreamException {
        nl();
        w.writeEmptyElement(name);
        w.writeAttribute(attribute, value);
    }

    private void start(String name) throws XMLStreamException {
        nl();
        w.writeStartElement(name);
        depth++;
    }

    private void end() throws XMLStreamException {
        depth--;
        nl();
        w.writeEndElement();
    }

    private void attr(String name, String value) throws XMLStreamException {
        if (value != null) w.writeAttribute(name, value);
    }

    private void nl() throws XMLStreamException {
        w.writeCharacters("\n" + "  ".repeat(Math.max(0, depth)));
    }

    /** Re-emits elements kept as published (document links, references) in their place. */
    private void extra(String xml) throws XMLStreamException {
        if (xml == null || xml.isBlank()) return;
        Element root;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            root = f.newDocumentBuilder().parse(new InputSource(new StringReader(xml))).getDocumentElement();
        } catch (Exception e) {
            throw new IllegalStateException("stored IATI fragment cannot be read: " + e.getMessage(), e);
        }
        for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) copy(e);
        }
    }

    private void copy(Element e) throws XMLStreamException {
        List<Element> children = new ArrayList<>();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) if (n instanceof Element c) children.add(c);
        String text = children.isEmpty() ? e.getTextContent() : null;
        nl();
        if (children.isEmpty() && (text == null || text.isEmpty())) w.writeEmptyElement(e.getLocalName());
        else w.writeStartElement(e.getLocalName());
        NamedNodeMap attrs = e.getAttributes();
        for (int i = 0; i < attrs.getLength(); i++) {
            Attr a = (Attr) attrs.item(i);
            if (XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(a.getNamespaceURI())) continue;
            if (XMLConstants.XML_NS_URI.equals(a.getNamespaceURI())) w.writeAttribute("xml", XMLConstants.XML_NS_URI, a.getLocalName(), a.getValue());
            else w.writeAttribute(a.getLocalName() == null ? a.getName() : a.getLocalName(), a.getValue());
        }
        if (children.isEmpty() && (text == null || text.isEmpty())) return;
        if (!children.isEmpty()) {
            depth++;
            for (Element c : children) copy(c);
            depth--;
            nl();
        } else {
            w.writeCharacters(text);
        }
        w.writeEndElement();
    }
}
