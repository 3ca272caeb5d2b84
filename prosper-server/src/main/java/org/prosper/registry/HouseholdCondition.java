package org.prosper.registry;

import java.util.List;

/** A condition on the household table's columns (unqualified) with its parameters. */
public record HouseholdCondition(String where, List<Object> params) {
}
