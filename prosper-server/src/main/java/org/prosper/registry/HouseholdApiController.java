package org.prosper.registry;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.prosper.access.ProsperUser;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/households")
@Tag(name = "Households", description = "The household registry, scoped to the caller's org units")
public class HouseholdApiController {

    private final HouseholdService households;

    public HouseholdApiController(HouseholdService households) {
        this.households = households;
    }

    @GetMapping
    @Operation(summary = "List households in the caller's scope, filtered and paged",
            description = "In id order. For the next page pass after=nextAfter (and page + 1): keyset paging costs the same deep "
                    + "in a national registry as on the first page; page alone (an offset) also works.")
    public HouseholdPage list(@AuthenticationPrincipal ProsperUser user,
                              @RequestParam(required = false) String country,
                              @RequestParam(required = false) Long orgUnit,
                              @RequestParam(required = false) String q,
                              @RequestParam(required = false) String status,
                              @RequestParam(defaultValue = "0") int page,
                              @RequestParam(defaultValue = "20") int size,
                              @RequestParam(required = false) Long after) {
        return households.list(user.actor(), new HouseholdQuery(country, orgUnit, q, status, page, size, after));
    }

    @GetMapping("/{id}")
    @Operation(summary = "One household with its members; identifiers masked for roles that may not see them")
    public Household get(@AuthenticationPrincipal ProsperUser user, @PathVariable long id) {
        return households.get(user.actor(), id);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Register a household with its members")
    public Household create(@AuthenticationPrincipal ProsperUser user, @RequestBody HouseholdDraft draft) {
        return households.create(user.actor(), draft);
    }

    @PutMapping("/{id}")
    @Operation(summary = "Replace a household and its members; send the version you read to detect concurrent edits")
    public Household update(@AuthenticationPrincipal ProsperUser user, @PathVariable long id, @RequestBody HouseholdDraft draft) {
        return households.update(user.actor(), id, draft);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void delete(@AuthenticationPrincipal ProsperUser user, @PathVariable long id) {
        households.delete(user.actor(), id);
    }
}
