package org.prosper.exchange;

import java.util.List;

/** A training programme, a village-leader exchange or an edition of the annual forum. */
public record Programme(long id, String kind, String title, String description, Integer year, String hostCountry,
                        List<String> languages, List<String> topics, String status, String visibility, String createdBy) {
}
