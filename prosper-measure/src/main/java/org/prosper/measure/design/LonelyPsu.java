package org.prosper.measure.design;

/**
 * What to do with a stratum that has a single PSU, whose variance cannot be estimated. Same choices and meanings
 * as R survey's {@code options(survey.lonely.psu=)}: FAIL (survey's default: stop with an error), REMOVE and
 * CERTAINTY (the stratum contributes nothing), ADJUST (its PSU total is centred at the mean of all PSU totals
 * instead of the stratum mean; conservative), AVERAGE (the variance is scaled up by strata / strata with 2+ PSUs).
 */
public enum LonelyPsu { FAIL, REMOVE, CERTAINTY, ADJUST, AVERAGE }
