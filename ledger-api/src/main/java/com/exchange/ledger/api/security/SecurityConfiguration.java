package com.exchange.ledger.api.security;

import com.exchange.ledger.api.error.ProblemResponses;
import com.exchange.ledger.api.startup.StartupRefusal;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.security.web.server.util.matcher.OrServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;

/**
 * Every endpoint needs an API key ({@code Authorization: Bearer <key>}) carrying the endpoint's scope: 401 without a
 * valid key, 403 without the scope, both as problem+json. Open: actuator health, the payment gateway's callback,
 * which authenticates itself by its signature, and the static pages (they hold no data: every figure they show comes
 * from an {@code /api} call made with the key the person pastes into them). {@code /actuator/prometheus} needs
 * {@code ledger:audit} or {@code ledger:admin}, as does {@code GET /api/admin/operations} (the same figures); the rest
 * of actuator is closed.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
public class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);
    /** Accepted only in staging and only when no key is configured, so the README's run command works as it is. */
    public static final String DEVELOPMENT_KEY = "local-development-key";

    @Bean
    ApiKeys apiKeys(@Value("${ledger.api-keys:}") String configured, @Value("${ledger.staging:true}") boolean staging) {
        ApiKeys keys;
        try {
            keys = ApiKeys.parse(configured);
        } catch (IllegalArgumentException malformed) {
            throw new StartupRefusal(malformed.getMessage() + ". Fix LEDGER_API_KEYS: key=scope,scope;key2=scope, each key "
                    + ApiKeys.MIN_KEY_LENGTH + "-" + ApiKeys.MAX_KEY_LENGTH + " characters, scopes ledger:write, ledger:read, ledger:admin, ledger:audit.");
        }
        if (keys.isEmpty() && staging) {
            log.warn("LEDGER_API_KEYS is not set: accepting only the development key of the README, with every scope");
            return ApiKeys.parse("development:" + DEVELOPMENT_KEY + "=ledger:write,ledger:read,ledger:admin,ledger:audit");
        }
        log.info("{} API keys configured", keys.size());
        return keys;
    }

    /**
     * The pages' files: top-level only for scripts and styles, so no pattern here can ever reach under {@code /api}.
     */
    static final String[] STATIC_PAGES = {"/", "/index.html", "/*.js", "/*.css", "/pages/**"};

    @Bean
    SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, ApiKeys keys, ObjectMapper objectMapper) {
        AuthenticationWebFilter apiKeyFilter = new AuthenticationWebFilter(authenticationManager(keys));
        apiKeyFilter.setServerAuthenticationConverter(bearerToken());
        apiKeyFilter.setAuthenticationFailureHandler((exchange, failure) ->
                problem(exchange.getExchange(), HttpStatus.UNAUTHORIZED, "UNAUTHORIZED", "the API key is not valid", objectMapper));
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                .addFilterAt(apiKeyFilter, SecurityWebFiltersOrder.AUTHENTICATION)
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint((exchange, e) -> problem(exchange, HttpStatus.UNAUTHORIZED, "UNAUTHORIZED",
                                "an API key is required: Authorization: Bearer <key>", objectMapper))
                        .accessDeniedHandler((exchange, e) -> problem(exchange, HttpStatus.FORBIDDEN, "FORBIDDEN",
                                "the API key lacks the scope this endpoint needs", objectMapper)))
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .pathMatchers(HttpMethod.GET, "/actuator/prometheus").hasAnyAuthority(Scope.AUDIT.value(), Scope.ADMIN.value())
                        .pathMatchers("/actuator/**").denyAll()
                        .matchers(reads("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**",
                                "/webjars/**")).permitAll()
                        .matchers(reads(STATIC_PAGES)).permitAll()
                        .pathMatchers(HttpMethod.POST, "/api/payments/nowpayments/ipn").permitAll()
                        .matchers(reads("/api/wallets/**", "/api/referrals/**")).hasAuthority(Scope.READ.value())
                        .matchers(reads("/api/withdrawals", "/api/withdrawals/**", "/api/p2p/trades/*", "/api/swaps/*",
                                "/api/express-buy/*", "/api/deposits/*"))
                                .hasAnyAuthority(Scope.READ.value(), Scope.ADMIN.value())
                        .matchers(reads("/api/deposits")).hasAuthority(Scope.ADMIN.value())
                        .pathMatchers(HttpMethod.POST, "/api/withdrawals/*/approve", "/api/withdrawals/*/reject")
                                .hasAuthority(Scope.ADMIN.value())
                        // the operations page's figures: what /actuator/prometheus shows, so for the same scopes
                        .matchers(reads("/api/admin/operations")).hasAnyAuthority(Scope.AUDIT.value(), Scope.ADMIN.value())
                        .pathMatchers("/api/audit/**").hasAuthority(Scope.AUDIT.value())
                        .pathMatchers("/api/admin/**").hasAuthority(Scope.ADMIN.value())
                        .pathMatchers("/api/**").hasAuthority(Scope.WRITE.value())
                        .anyExchange().denyAll())
                .build();
    }

    /**
     * A read: GET, and HEAD, which is a GET without the body and so needs the same scope (matched by GET alone, a HEAD
     * fell through to the write scope: a read key got 403 where a write key got 200).
     */
    static ServerWebExchangeMatcher reads(String... patterns) {
        return new OrServerWebExchangeMatcher(ServerWebExchangeMatchers.pathMatchers(HttpMethod.GET, patterns),
                ServerWebExchangeMatchers.pathMatchers(HttpMethod.HEAD, patterns));
    }

    private static ServerAuthenticationConverter bearerToken() {
        return exchange -> {
            String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
            if (header == null) {
                return Mono.empty();
            }
            String key = header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : "";
            return Mono.just(new UsernamePasswordAuthenticationToken("api-key", key));
        };
    }

    private static ReactiveAuthenticationManager authenticationManager(ApiKeys keys) {
        // the principal is the key's name (never the key): what a decision records as its caller
        return authentication -> Mono.justOrEmpty(keys.callerOf((String) authentication.getCredentials()))
                .switchIfEmpty(Mono.error(new BadCredentialsException("unknown API key")))
                .map(caller -> new UsernamePasswordAuthenticationToken(caller.name(), null,
                        caller.scopes().stream().map(scope -> new SimpleGrantedAuthority(scope.value())).toList()));
    }

    private static Mono<Void> problem(ServerWebExchange exchange, HttpStatus status, String code, String detail, ObjectMapper json) {
        ProblemDetail problem = ProblemResponses.problem(status, code, detail);
        var response = exchange.getResponse();
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (status == HttpStatus.UNAUTHORIZED) {
            response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        byte[] body;
        try {
            body = json.writeValueAsBytes(problem);
        } catch (Exception e) {
            body = ("{\"code\":\"" + code + "\"}").getBytes(StandardCharsets.UTF_8);
        }
        DataBuffer buffer = response.bufferFactory().wrap(body);
        return response.writeWith(Mono.just(buffer));
    }

}
