package org.prosper.web;

import java.lang.reflect.Type;
import java.util.List;

import org.prosper.platform.NulCharacters;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

/**
 * Refuses a request body (JSON, or text) whose texts hold a NUL character, naming every field that does (for example
 * {@code members[1].fullName}), once it is read and before the API method runs. Why: {@link RequestParameterGuard}.
 */
@ControllerAdvice
public class RequestBodyGuard extends RequestBodyAdviceAdapter {

    @Override
    public boolean supports(MethodParameter parameter, Type targetType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object afterBodyRead(Object body, HttpInputMessage input, MethodParameter parameter, Type targetType,
                                Class<? extends HttpMessageConverter<?>> converterType) {
        List<String> where = NulCharacters.paths(body).stream().map(w -> w.isEmpty() ? "body" : w).toList();
        if (!where.isEmpty()) throw new UnstorableTextProblem(where.size() == 1 ? "field" : "fields", where);
        return body;
    }
}
