package org.prosper.analysis;

import org.prosper.web.ApiError;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Analysis request problems as API answers: 400 naming each field, in the platform's error shape. */
@RestControllerAdvice(assignableTypes = AnalysisApiController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class AnalysisApiExceptionHandler {

    @ExceptionHandler(AnalysisProblem.class)
    ResponseEntity<ApiError> problem(AnalysisProblem e) {
        return ResponseEntity.badRequest().body(new ApiError(400, e.getMessage(), e.problems()));
    }
}
