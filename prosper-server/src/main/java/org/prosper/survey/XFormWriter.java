package org.prosper.survey;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Writes the ODK XForm of a form definition, as pyxform would for the features Prosper supports: one bind per node,
 * itext translations when the form has languages, selects with item sets over secondary instances, and
 * meta/instanceID filled by the client (jr:preload uid).
 */
public final class XFormWriter {

    static final String XF = "http://www.w3.org/2002/xforms";
    static final String H = "http://www.w3.org/1999/xhtml";
    static final String JR = "http://openrosa.org/javarosa";
    static final String ODK = "http://www.opendatakit.org/xforms";
    static final String ORX = "http://openrosa.org/xforms";
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([^}]*)}");

    private final FormDefinition form;
    private final Map<String, FormNode> byName;
    private final Document doc;
    private final Map<String, Map<String, String>> itext = new LinkedHashMap<>();

    private XFormWriter(FormDefinition form) {
        this.form = form;
        this.byName = form.byName();
        try {
            var f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            this.doc = f.newDocumentBuilder().newDocument();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String write(FormDefinition form) {
        return new XFormWriter(form).build();
    }

    private String abs(String name) {
        FormNode n = byName.get(name);
        return "/" + form.rootName() + "/" + (n == null ? name : n.path());
    }

    private String xpath(String expression) {
        return expression == null ? null : Expressions.toXPath(expression, this::abs);
    }

    private String build() {
        Element html = doc.createElementNS(H, "h:html");
        html.setAttribute("xmlns", XF);
        html.setAttribute("xmlns:h", H);
        html.setAttribute("xmlns:jr", JR);
        html.setAttribute("xmlns:odk", ODK);
        html.setAttribute("xmlns:orx", ORX);
        html.setAttribute("xmlns:ev", "http://www.w3.org/2001/xml-events");
        html.setAttribute("xmlns:xsd", "http://www.w3.org/2001/XMLSchema");
        doc.appendChild(html);
        Element head = el(html, H, "h:head");
        el(head, H, "h:title").setTextContent(form.title());
        Element model = el(head, XF, "model");
        model.setAttributeNS(ODK, "odk:xforms-version", "1.0.0");
        Element body = doc.createElementNS(H, "h:body");

        Element instance = doc.createElementNS(XF, "instance");
        Element root = el(instance, XF, form.rootName());
        root.setAttribute("id", form.formId());
        if (form.version() != null) root.setAttribute("version", form.version());
        List<Element> binds = new ArrayList<>();
        nodes(form.children(), root, body, binds);
        Element meta = el(root, XF, "meta");
        el(meta, XF, "instanceID");
        Element uid = bind("/" + form.rootName() + "/meta/instanceID", "string");
        uid.setAttribute("readonly", "true()");
        uid.setAttributeNS(JR, "jr:preload", "uid");
        binds.add(uid);
        if (form.instanceName() != null) {
            el(meta, XF, "instanceName");
            Element b = bind("/" + form.rootName() + "/meta/instanceName", "string");
            b.setAttribute("calculate", xpath(form.instanceName()));
            binds.add(b);
        }
        for (var e : form.choices().entrySet()) {
            for (int i = 0; i < e.getValue().size(); i++) {
                if (form.multilingual()) itext.put(e.getKey() + "-" + i, e.getValue().get(i).label());
            }
        }
        if (form.multilingual()) model.appendChild(itextElement());
        model.appendChild(instance);
        for (var e : form.choices().entrySet()) {
            if (!used(e.getKey())) continue;
            Element inst = el(model, XF, "instance");
            inst.setAttribute("id", e.getKey());
            Element r = el(inst, XF, "root");
            for (int i = 0; i < e.getValue().size(); i++) {
                Choice c = e.getValue().get(i);
                Element item = el(r, XF, "item");
                if (form.multilingual()) {
                    el(item, XF, "itextId").setTextContent(e.getKey() + "-" + i);
                } else {
                    el(item, XF, "label").setTextContent(c.label().getOrDefault(form.defaultLanguage(), c.name()));
                }
                el(item, XF, "name").setTextContent(c.name());
                for (var col : c.columns().entrySet()) {
                    if (col.getKey().matches("[A-Za-z_][A-Za-z0-9_.-]*")) el(item, XF, col.getKey()).setTextContent(col.getValue());
                }
            }
        }
        for (Element b : binds) model.appendChild(b);
        html.appendChild(body);
        return serialize();
    }

    private boolean used(String list) {
        return form.all().stream().anyMatch(n -> list.equals(n.listName()));
    }

    private void nodes(List<FormNode> nodes, Element parent, Element body, List<Element> binds) {
        for (FormNode n : nodes) {
            String ref = "/" + form.rootName() + "/" + n.path();
            Element data = el(parent, XF, n.name());
            if (n.defaultValue() != null) data.setTextContent(n.defaultValue());
            switch (n.kind()) {
                case GROUP -> {
                    if (n.relevant() != null) {
                        Element b = bind(ref, null);
                        b.setAttribute("relevant", xpath(n.relevant()));
                        binds.add(b);
                    }
                    Element g = el(body, XF, "group");
                    g.setAttribute("ref", ref);
                    if (n.appearance() != null) g.setAttribute("appearance", n.appearance());
                    if (!n.label().isEmpty()) label(g, "label", n, n.label());
                    nodes(n.children(), data, g, binds);
                }
                case REPEAT -> {
                    data.setAttributeNS(JR, "jr:template", "");
                    if (n.relevant() != null) {
                        Element b = bind(ref, null);
                        b.setAttribute("relevant", xpath(n.relevant()));
                        binds.add(b);
                    }
                    Element g = el(body, XF, "group");
                    g.setAttribute("ref", ref);
                    if (!n.label().isEmpty()) label(g, "label", n, n.label());
                    Element r = el(g, XF, "repeat");
                    r.setAttribute("nodeset", ref);
                    if (n.appearance() != null) r.setAttribute("appearance", n.appearance());
                    if (n.repeatCount() != null) r.setAttributeNS(JR, "jr:count", xpath(n.repeatCount()));
                    nodes(n.children(), data, r, binds);
                }
                case QUESTION -> question(n, ref, body, binds);
            }
        }
    }

    private void question(FormNode n, String ref, Element body, List<Element> binds) {
        String type = switch (n.type()) {
            case "integer" -> "int";
            case "decimal" -> "decimal";
            case "date", "today" -> "date";
            case "geopoint" -> "geopoint";
            case "start", "end" -> "dateTime";
            default -> "string";
        };
        Element b = bind(ref, type);
        if (n.readonly() && !n.type().equals("calculate") && !List.of("start", "end", "today", "deviceid").contains(n.type())) {
            b.setAttribute("readonly", "true()");
        }
        if (n.relevant() != null) b.setAttribute("relevant", xpath(n.relevant()));
        if (n.constraint() != null) b.setAttribute("constraint", xpath(n.constraint()));
        if (!n.constraintMessage().isEmpty()) {
            if (form.multilingual()) {
                String id = ref + ":jr:constraintMsg";
                itext.put(id, n.constraintMessage());
                b.setAttributeNS(JR, "jr:constraintMsg", "jr:itext('" + id + "')");
            } else {
                b.setAttributeNS(JR, "jr:constraintMsg", n.constraintMessage().values().iterator().next());
            }
        }
        if (n.required() != null) {
            b.setAttribute("required", "yes".equals(n.required()) ? "true()" : "no".equals(n.required()) ? "false()" : xpath(n.required()));
        }
        if (!n.requiredMessage().isEmpty()) {
            if (form.multilingual() && n.requiredMessage().size() > 1) {
                String id = ref + ":jr:requiredMsg";
                itext.put(id, n.requiredMessage());
                b.setAttributeNS(JR, "jr:requiredMsg", "jr:itext('" + id + "')");
            } else {
                b.setAttributeNS(JR, "jr:requiredMsg", n.requiredMessage().values().iterator().next());
            }
        }
        if (n.calculation() != null) b.setAttribute("calculate", xpath(n.calculation()));
        switch (n.type()) {
            case "start", "end" -> {
                b.setAttributeNS(JR, "jr:preload", "timestamp");
                b.setAttributeNS(JR, "jr:preloadParams", n.type());
            }
            case "today" -> {
                b.setAttributeNS(JR, "jr:preload", "date");
                b.setAttributeNS(JR, "jr:preloadParams", "today");
            }
            case "deviceid" -> {
                b.setAttributeNS(JR, "jr:preload", "property");
                b.setAttributeNS(JR, "jr:preloadParams", "deviceid");
            }
            default -> {
            }
        }
        binds.add(b);
        if (n.type().equals("calculate") || List.of("start", "end", "today", "deviceid").contains(n.type())) return;
        Element control = el(body, XF, switch (n.type()) {
            case "select_one" -> "select1";
            case "select_multiple" -> "select";
            default -> "input";
        });
        control.setAttribute("ref", ref);
        if (n.appearance() != null) control.setAttribute("appearance", n.appearance());
        label(control, "label", n, n.label());
        if (!n.hint().isEmpty()) label(control, "hint", n, n.hint());
        if (n.isSelect()) {
            Element itemset = el(control, XF, "itemset");
            String nodeset = "instance('" + n.listName() + "')/root/item";
            if (n.choiceFilter() != null) nodeset += "[" + xpath(n.choiceFilter()) + "]";
            itemset.setAttribute("nodeset", nodeset);
            el(itemset, XF, "value").setAttribute("ref", "name");
            el(itemset, XF, "label").setAttribute("ref", form.multilingual() ? "jr:itext(itextId)" : "label");
        }
    }

    /** A label or hint: an itext reference when the form has languages, otherwise the text (with outputs). */
    private void label(Element control, String what, FormNode n, Map<String, String> texts) {
        Element l = el(control, XF, what);
        String ref = "/" + form.rootName() + "/" + n.path();
        if (form.multilingual()) {
            String id = ref + ":" + what;
            itext.put(id, texts);
            l.setAttribute("ref", "jr:itext('" + id + "')");
        } else {
            String text = texts.isEmpty() ? "" : texts.getOrDefault(form.defaultLanguage(), texts.values().iterator().next());
            appendWithOutputs(l, text);
        }
    }

    private void appendWithOutputs(Element target, String text) {
        Matcher m = REFERENCE.matcher(text);
        int last = 0;
        while (m.find()) {
            if (m.start() > last) target.appendChild(doc.createTextNode(text.substring(last, m.start())));
            Element out = doc.createElementNS(XF, "output");
            out.setAttribute("value", " " + abs(m.group(1).trim()) + " ");
            target.appendChild(out);
            last = m.end();
        }
        if (last < text.length()) target.appendChild(doc.createTextNode(text.substring(last)));
    }

    private Element itextElement() {
        Element it = doc.createElementNS(XF, "itext");
        for (String lang : form.languages()) {
            Element tr = el(it, XF, "translation");
            tr.setAttribute("lang", lang);
            if (lang.equals(form.defaultLanguage())) tr.setAttribute("default", "true()");
            for (var e : itext.entrySet()) {
                Element text = el(tr, XF, "text");
                text.setAttribute("id", e.getKey());
                Element value = el(text, XF, "value");
                appendWithOutputs(value, e.getValue().getOrDefault(lang, "-"));
            }
        }
        return it;
    }

    private Element bind(String nodeset, String type) {
        Element b = doc.createElementNS(XF, "bind");
        b.setAttribute("nodeset", nodeset);
        if (type != null) b.setAttribute("type", type);
        return b;
    }

    private Element el(Element parent, String ns, String name) {
        Element e = doc.createElementNS(ns, name);
        parent.appendChild(e);
        return e;
    }

    private String serialize() {
        try {
            var t = TransformerFactory.newInstance().newTransformer();
            // no indentation: it would add whitespace inside labels that mix text and <output/>
            t.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            StringWriter w = new StringWriter();
            t.transform(new DOMSource(doc), new StreamResult(w));
            return w.toString();
        } catch (Exception e) {
            throw new IllegalStateException("cannot write the XForm", e);
        }
    }
}
