package org.prosper.projects;

import java.io.ByteArrayInputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXParseException;

/** Test helpers: the official XSD check (independent of the application's own) and a canonical form of IATI elements. */
final class Iati {

    static final Path EXAMPLES = Path.of("../../shared/data/iati/activities").toAbsolutePath().normalize();

    private Iati() {
    }

    static Path example(String name) {
        Path p = EXAMPLES.resolve(name);
        if (!Files.exists(p)) p = Path.of("/work/shared/data/iati/activities").resolve(name);
        return p;
    }

    /** Schema errors of the document against resources/iati/schema-2.03/iati-activities-schema.xsd. */
    static List<String> schemaErrors(byte[] xml) throws Exception {
        URL xsd = Iati.class.getResource("/iati/schema-2.03/iati-activities-schema.xsd");
        Validator v = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(xsd).newValidator();
        List<String> errors = new ArrayList<>();
        v.setErrorHandler(new ErrorHandler() {
            public void warning(SAXParseException e) { }
            public void error(SAXParseException e) { errors.add(e.getLineNumber() + ":" + e.getColumnNumber() + " " + e.getMessage()); }
            public void fatalError(SAXParseException e) { errors.add(e.getLineNumber() + ":" + e.getColumnNumber() + " " + e.getMessage()); }
        });
        v.validate(new StreamSource(new ByteArrayInputStream(xml)));
        return errors;
    }

    static Document parse(byte[] xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }

    static List<Element> activities(Document doc) {
        return children(doc.getDocumentElement(), "iati-activity");
    }

    static String identifier(Element activity) {
        return children(activity, "iati-identifier").getFirst().getTextContent().trim();
    }

    static List<Element> children(Element e, String name) {
        List<Element> out = new ArrayList<>();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c && c.getNamespaceURI() == null && name.equals(c.getLocalName())) out.add(c);
        }
        return out;
    }

    /**
     * The element as text with attributes sorted, narratives' language made explicit, booleans as 1/0, numbers
     * normalized, whitespace trimmed, comments and extension (namespaced) elements dropped.
     */
    static String canonical(Element e, String defaultLang) {
        StringBuilder sb = new StringBuilder();
        canonical(e, defaultLang, sb, 0);
        return sb.toString();
    }

    private static void canonical(Element e, String lang, StringBuilder sb, int depth) {
        sb.append("  ".repeat(depth)).append('<').append(e.getLocalName());
        Map<String, String> attrs = new TreeMap<>();
        for (int i = 0; i < e.getAttributes().getLength(); i++) {
            Node a = e.getAttributes().item(i);
            if (XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(a.getNamespaceURI())) continue;
            String name = XMLConstants.XML_NS_URI.equals(a.getNamespaceURI()) ? "xml:" + a.getLocalName() : a.getNodeName();
            attrs.put(name, normal(name, a.getNodeValue()));
        }
        if ("narrative".equals(e.getLocalName())) attrs.putIfAbsent("xml:lang", lang);
        attrs.forEach((k, v) -> sb.append(' ').append(k).append("=\"").append(v).append('"'));
        sb.append('>');
        List<Element> kids = new ArrayList<>();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c && c.getNamespaceURI() == null) kids.add(c);
        }
        if (kids.isEmpty()) {
            sb.append(normal("", e.getTextContent().trim())).append('\n');
        } else {
            sb.append('\n');
            for (Element c : kids) canonical(c, lang, sb, depth + 1);
        }
    }

    private static String normal(String attr, String v) {
        String t = v.trim();
        if (attr.equals("humanitarian") || attr.equals("ascending") || attr.equals("aggregation-status")) {
            return "true".equals(t) || "1".equals(t) ? "1" : "0";
        }
        if (t.matches("-?\\d+(\\.\\d+)?")) {
            var b = new java.math.BigDecimal(t).stripTrailingZeros();
            return (b.scale() < 0 ? b.setScale(0) : b).toPlainString();
        }
        return t;
    }
}
