package org.prosper.monitoring;

public enum Severity {
    LOW, MEDIUM, HIGH
}
