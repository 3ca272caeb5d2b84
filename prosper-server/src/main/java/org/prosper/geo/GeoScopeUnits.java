package org.prosper.geo;

import java.util.Optional;

import org.prosper.access.ScopeUnits;
import org.prosper.platform.InputProblem;
import org.springframework.stereotype.Component;

/** Users' scopes name active units; a scope whose unit was merged or split says where it went. */
@Component
class GeoScopeUnits implements ScopeUnits {

    private final GeoService geo;

    GeoScopeUnits(GeoService geo) {
        this.geo = geo;
    }

    @Override
    public long activeUnit(String code) {
        OrgUnit unit = geo.unitByCode(code).orElseThrow(() -> InputProblem.of("scope", "problem.unit.noCode", code));
        if (!unit.active()) throw new InputProblem(geo.retired("scope", unit));
        return unit.id();
    }

    @Override
    public Optional<String> retired(long unitId) {
        OrgUnit unit = geo.unit(unitId);
        return unit.active() ? Optional.empty() : Optional.of(geo.retired(unit));
    }
}
