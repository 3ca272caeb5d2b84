package org.prosper.monitoring;

import java.util.List;

import org.prosper.web.ApiError;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Monitoring problems as API answers in the platform's error shape, naming the field or the file row and column. */
@RestControllerAdvice(assignableTypes = MonitoringApiController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class MonitoringApiExceptionHandler {

    @ExceptionHandler(MonitoringProblem.class)
    ResponseEntity<ApiError> problem(MonitoringProblem e) {
        return ResponseEntity.status(e.status()).body(new ApiError(e.status(), e.getMessage(), e.problems()));
    }

    @ExceptionHandler(ProfileProblem.class)
    ResponseEntity<ApiError> profile(ProfileProblem e) {
        return ResponseEntity.status(e.status()).body(new ApiError(e.status(), e.getMessage(), e.problems()));
    }

    @ExceptionHandler(CaseTransitionProblem.class)
    ResponseEntity<ApiError> transition(CaseTransitionProblem e) {
        return ResponseEntity.status(409).body(new ApiError(409, e.getMessage(), List.of()));
    }
}
