package org.prosper.web;

import java.util.List;

import org.prosper.access.AccessDeniedProblem;
import org.prosper.access.NotFoundProblem;
import org.prosper.platform.InputProblem;
import org.prosper.platform.LockWait;
import org.prosper.platform.NulCharacters;
import org.prosper.platform.TooLongText;
import org.prosper.registry.ConflictProblem;
import org.prosper.registry.InvalidHouseholdProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;

/** Maps the services' problems to HTTP answers for the REST API. */
@RestControllerAdvice(annotations = org.springframework.web.bind.annotation.RestController.class)
public class ApiExceptionHandler {

    static final String NUL_REFUSED = "a text contains a NUL character (U+0000), which no text can hold: nothing was saved; remove it and try again";
    static final String BUSY = "the records are held by another change that is still running (an import, a change of org units or "
            + "another save): nothing was saved; try again in a moment";
    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(AccessDeniedProblem.class)
    ResponseEntity<ApiError> denied(AccessDeniedProblem e) {
        return answer(HttpStatus.FORBIDDEN, e.getMessage(), List.of());
    }

    @ExceptionHandler(NotFoundProblem.class)
    ResponseEntity<ApiError> notFound(NotFoundProblem e) {
        return answer(HttpStatus.NOT_FOUND, e.getMessage(), List.of());
    }

    @ExceptionHandler(InvalidHouseholdProblem.class)
    ResponseEntity<ApiError> invalid(InvalidHouseholdProblem e) {
        return answer(HttpStatus.UNPROCESSABLE_CONTENT, "the household is not valid", e.problems());
    }

    @ExceptionHandler(ConflictProblem.class)
    ResponseEntity<ApiError> conflict(ConflictProblem e) {
        return answer(HttpStatus.CONFLICT, e.getMessage(), List.of());
    }

    @ExceptionHandler({MaxUploadSizeExceededException.class})
    ResponseEntity<ApiError> tooLarge(MaxUploadSizeExceededException e) {
        return answer(HttpStatus.CONTENT_TOO_LARGE, "the upload is larger than the limit of " + e.getMaxUploadSize() + " bytes", List.of());
    }

    @ExceptionHandler(InputProblem.class)
    ResponseEntity<ApiError> input(InputProblem e) {
        return answer(HttpStatus.BAD_REQUEST, e.getMessage(), List.of(e.problem()));
    }

    @ExceptionHandler({IllegalArgumentException.class, MultipartException.class})
    ResponseEntity<ApiError> badRequest(Exception e) {
        return answer(HttpStatus.BAD_REQUEST, e.getMessage(), List.of());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RequestBodyLimit.BodyTooLargeException large) return answer(HttpStatus.CONTENT_TOO_LARGE, large.getMessage(), List.of());
        }
        String detail = e.getMostSpecificCause().getMessage();
        return answer(HttpStatus.BAD_REQUEST, "the request body is not valid JSON for this resource: "
                + (detail == null ? "" : detail.lines().findFirst().orElse("")), List.of());
    }

    @ExceptionHandler(UnstorableTextProblem.class)
    ResponseEntity<ApiError> unstorable(UnstorableTextProblem e) {
        return answer(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage(), e.fields());
    }

    /**
     * A text the database could not store: a NUL character that came past the request checks (from a file) and was
     * refused by PostgreSQL, or a text longer than its column that no check caught. Anything else goes on.
     */
    @ExceptionHandler(DataAccessException.class)
    ResponseEntity<ApiError> database(DataAccessException e) {
        if (NulCharacters.refusedByDatabase(e)) return answer(HttpStatus.UNPROCESSABLE_CONTENT, NUL_REFUSED, List.of());
        return answer(HttpStatus.UNPROCESSABLE_CONTENT, TooLongText.refusedByDatabase(e).orElseThrow(() -> e), List.of());
    }

    /**
     * A save that waited too long for records another change holds (a large import into the same villages, a change of
     * org units, H2's lock timeout) or lost a deadlock: nothing was saved, and the same request will do once the other
     * change has ended.
     */
    @ExceptionHandler({PessimisticLockingFailureException.class, QueryTimeoutException.class})
    ResponseEntity<ApiError> busy(DataAccessException e) {
        if (!LockWait.gaveUp(e)) throw e;
        log.info("API answer 503 (records held by another change): {}", e.getMostSpecificCause().getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "5")
                .body(new ApiError(503, BUSY, List.of()));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ApiError> mismatch(MethodArgumentTypeMismatchException e) {
        return answer(HttpStatus.BAD_REQUEST, "parameter '" + e.getName() + "': '" + e.getValue() + "' is not a valid "
                + (e.getRequiredType() == null ? "value" : e.getRequiredType().getSimpleName()), List.of());
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ApiError> missing(MissingServletRequestParameterException e) {
        return answer(HttpStatus.BAD_REQUEST, "parameter '" + e.getParameterName() + "' is required", List.of());
    }

    private static ResponseEntity<ApiError> answer(HttpStatus status, String message, List<?> problems) {
        log.debug("API answer {}: {}", status.value(), message);
        return ResponseEntity.status(status).body(new ApiError(status.value(), message, problems));
    }
}
