package org.prosper.projects;

import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Deque;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.SAXParserFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.Attributes;
import org.xml.sax.Locator;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/** Parses XML into a DOM whose elements know the line they start on; malformed XML fails with line and column. */
final class LineNumberedXml {

    static final String LINE = "line";
    /**
     * The whole file becomes a tree in memory (a few hundred bytes per element): beyond this many elements it is refused,
     * so that a 16 MB body of empty elements cannot fill the heap. An activity has a few hundred elements at most.
     */
    static final int MAX_ELEMENTS = 200_000;

    private LineNumberedXml() {
    }

    static Document parse(InputStream in, String file) {
        try {
            Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().newDocument();
            SAXParserFactory f = SAXParserFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.newSAXParser().parse(in, new DefaultHandler() {
                private Locator locator;
                private final Deque<Element> stack = new ArrayDeque<>();
                private final StringBuilder text = new StringBuilder();
                private int elements;

                @Override
                public void setDocumentLocator(Locator l) {
                    locator = l;
                }

                @Override
                public void startElement(String uri, String local, String qName, Attributes atts) {
                    if (++elements > MAX_ELEMENTS) {
                        throw new IatiFileProblem(file, locator == null ? 0 : locator.getLineNumber(), locator == null ? 0 : locator.getColumnNumber(),
                                "more than " + String.format(java.util.Locale.ROOT, "%,d", MAX_ELEMENTS) + " XML elements: split the file "
                                        + "(for example one file per programme or per year)");
                    }
                    flush();
                    Element e = doc.createElementNS(uri == null || uri.isEmpty() ? null : uri, qName);
                    for (int i = 0; i < atts.getLength(); i++) {
                        String ns = atts.getURI(i);
                        if (ns == null || ns.isEmpty()) e.setAttribute(atts.getQName(i), atts.getValue(i));
                        else e.setAttributeNS(ns, atts.getQName(i), atts.getValue(i));
                    }
                    e.setUserData(LINE, locator == null ? 0 : locator.getLineNumber(), null);
                    if (stack.isEmpty()) doc.appendChild(e);
                    else stack.peek().appendChild(e);
                    stack.push(e);
                }

                @Override
                public void endElement(String uri, String local, String qName) {
                    flush();
                    stack.pop();
                }

                @Override
                public void characters(char[] ch, int start, int length) {
                    text.append(ch, start, length);
                }

                private void flush() {
                    if (!text.isEmpty() && !stack.isEmpty()) stack.peek().appendChild(doc.createTextNode(text.toString()));
                    text.setLength(0);
                }
            });
            return doc;
        } catch (IatiFileProblem e) {
            throw e;
        } catch (SAXParseException e) {
            throw new IatiFileProblem(file, e.getLineNumber(), e.getColumnNumber(), "not well-formed XML: " + e.getMessage());
        } catch (Exception e) {
            throw new IatiFileProblem(file, 0, 0, "cannot be read as XML: " + e.getMessage());
        }
    }

    static int line(Element e) {
        Object l = e.getUserData(LINE);
        return l instanceof Integer i ? i : 0;
    }

    static boolean isXmlNs(String uri) {
        return XMLConstants.XML_NS_URI.equals(uri);
    }
}
