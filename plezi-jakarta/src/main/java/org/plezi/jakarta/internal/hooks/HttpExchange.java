package org.plezi.jakarta.internal.hooks;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;

/** The HTTP request a controller sees during preConnect, index or show, with its parameters. */
public record HttpExchange(
    HttpServletRequest request, HttpServletResponse response, Map<String, String> params) {}
