package org.prosper.measure.grouped;

import java.util.Map;

/**
 * One parametric Lorenz curve fitted to grouped data and the measures read off it (Datt 1998, Table 2; World Bank
 * PIP's implementation for the numerical parts: Watts and MLD by the trapezoid rule on L'(p)).
 *
 * @param valid  the fit is a valid Lorenz curve (PIP's is_valid)
 * @param normal the poverty measures are defined (PIP's is_normal)
 * @param params fitted parameters (A, B, C for GQ; theta, gamma, delta for Beta)
 * @param sse    sum of squared residuals of L over the points
 * @param ssez   the same up to the first point above the headcount (PIP uses it to choose a curve)
 */
public record LorenzFit(String curve, boolean valid, boolean normal, double headcount, double gap, double severity,
                        double gini, double median, double watts, double mld, Map<String, Double> params,
                        double sse, double ssez) { }
