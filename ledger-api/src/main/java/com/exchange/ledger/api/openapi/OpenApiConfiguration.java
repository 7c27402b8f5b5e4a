package com.exchange.ledger.api.openapi;

import com.exchange.ledger.api.error.ProblemResponses;
import com.exchange.ledger.core.shared.RejectionCode;
import com.exchange.ledger.core.shared.RuleViolation;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.jackson.TypeNameResolver;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.NumberSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.util.AntPathMatcher;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What {@code /v3/api-docs} says, made to match the wire (docs/api.md): the models are read with the service's own
 * ObjectMapper (snake_case), amounts are decimal strings, every operation lists its problem+json refusals and the
 * API-key scope it needs. The scopes are the rules of SecurityConfiguration, in its order; OpenApiContractTest calls
 * every operation with and without the scope, so the two cannot drift apart unnoticed.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    /** What the API writes for an amount: a plain decimal, never an exponent, at the currency's scale. */
    static final String DECIMAL = "^-?[0-9]+(\\.[0-9]+)?$";
    static final String BEARER = "api_key";

    /**
     * String properties that carry an amount, a balance, a price or a rate: their Java type is String (the views format
     * them at the currency's scale), their content a plain decimal.
     */
    static final Pattern AMOUNT_PROPERTY = Pattern.compile("amount|fee|rate|total|available|locked|savings|in_flight|credited"
            + "|.*_(amount|balance|after|price|value|rate|pct|usd|total)");

    /** A class nested in a controller is named after it: WithdrawalController.Request is WithdrawalRequest. */
    static final class NestedTypeNames extends TypeNameResolver {
        @Override
        protected String getNameOfClass(Class<?> type) {
            Class<?> enclosing = type.getEnclosingClass();
            if (enclosing == null) {
                return super.getNameOfClass(type);
            }
            String owner = enclosing.getSimpleName().replaceFirst("Controller$", "");
            return type.getSimpleName().startsWith(owner) ? type.getSimpleName() : owner + type.getSimpleName();
        }
    }

    /**
     * Reads the models with the service's ObjectMapper (its snake_case naming), and types what the mapper's own
     * serializers change: an amount written (BigDecimal) is a decimal string, an amount read (JsonNode) a decimal
     * string or a JSON number.
     */
    @Bean
    ModelConverter wireModels(ObjectMapper objectMapper) {
        return new ModelResolver(objectMapper, new NestedTypeNames()) {
            @Override
            public Schema<?> resolve(AnnotatedType annotated, ModelConverterContext context, Iterator<ModelConverter> chain) {
                JavaType type = _mapper.constructType(annotated.getType());
                if (BigDecimal.class.equals(type.getRawClass())) {
                    return decimalString();
                }
                if (JsonNode.class.isAssignableFrom(type.getRawClass())) {
                    return decimalInput();
                }
                return super.resolve(annotated, context, chain);
            }
        };
    }

    static Schema<?> decimalString() {
        return new StringSchema().pattern(DECIMAL).format("decimal")
                .description("a plain decimal at the currency's scale, written as a string");
    }

    static Schema<?> decimalInput() {
        Schema<Object> input = new Schema<>();
        input.anyOf(List.of(new StringSchema().pattern(DECIMAL).format("decimal"), new NumberSchema()));
        input.description("a decimal: a string (\"1.5\", preferred: exact) or a JSON number (1.5); at most the currency's scale");
        return input;
    }

    /**
     * The proof of liabilities is a ledger-core record the verifier reads without this service, so its amounts are
     * decimal strings held as {@code String}, not {@code BigDecimal}: the contract says what they are.
     */
    private static void decimalStringsOfTheLiabilityProof(Components components) {
        if (components.getSchemas() == null) {
            return;
        }
        components.getSchemas().forEach((name, schema) -> {
            if (name.startsWith("LiabilityProof") && schema.getProperties() != null) {
                for (String amount : List.of("balance", "total", "sum")) {
                    if (schema.getProperties().containsKey(amount)) {
                        schema.getProperties().put(amount, decimalString());
                    }
                }
            }
        });
    }

    @Bean
    OpenApiCustomizer wireContract() {
        return openApi -> {
            openApi.info(new Info().title("Wallet ledger API").version("1")
                    .description("Every /api endpoint needs an API key: Authorization: Bearer <key>, with the scope each "
                            + "operation names. Refusals are application/problem+json with a stable code. Open: this "
                            + "document, actuator health and the NOWPayments callback (signed)."));
            Components components = openApi.getComponents() == null ? new Components() : openApi.getComponents();
            openApi.components(components);
            components.addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                    .description("An API key from LEDGER_API_KEYS; its scopes (ledger:write, ledger:read, ledger:admin, "
                            + "ledger:audit) decide what it may call"));
            decimalStringsOfTheLiabilityProof(components);
            Map<Integer, List<String>> codes = problemCodes();
            // one response per status, referred to by every operation: the document stays small enough for a client
            // that bounds what it buffers
            codes.forEach((status, list) -> components.addSchemas(problemName(status), problemSchema(status, list))
                    .addResponses(problemName(status), new ApiResponse()
                            .description(HttpStatus.valueOf(status).getReasonPhrase() + ": problem+json, code one of "
                                    + String.join(", ", list))
                            .content(new Content().addMediaType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                                    new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + problemName(status)))))));
            if (components.getSchemas() != null) {
                components.getSchemas().values().forEach(OpenApiConfiguration::typeAmounts);
            }
            if (openApi.getPaths() != null) {
                openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) ->
                        describe(path, method, operation, codes.keySet())));
            }
        };
    }

    private static void typeAmounts(Schema<?> schema) {
        if (schema.getProperties() == null) {
            return;
        }
        schema.getProperties().forEach((name, property) -> {
            if (AMOUNT_PROPERTY.matcher(name).matches() && "string".equals(property.getType()) && property.getPattern() == null) {
                property.pattern(DECIMAL).format("decimal");
            }
        });
    }

    /** The scope rules of SecurityConfiguration, first match wins; an empty list: open (the callback is signed). */
    private record Rule(Set<PathItem.HttpMethod> methods, List<String> patterns, List<String> scopes) {
    }

    private static final Set<PathItem.HttpMethod> READS = Set.of(PathItem.HttpMethod.GET, PathItem.HttpMethod.HEAD);
    private static final Set<PathItem.HttpMethod> ANY = Set.of(PathItem.HttpMethod.values());
    private static final List<Rule> RULES = List.of(
            new Rule(Set.of(PathItem.HttpMethod.POST), List.of("/api/payments/nowpayments/ipn"), List.of()),
            new Rule(READS, List.of("/api/wallets/**", "/api/referrals/**"), List.of("ledger:read")),
            new Rule(READS, List.of("/api/withdrawals", "/api/withdrawals/**", "/api/p2p/trades/*", "/api/swaps/*",
                    "/api/express-buy/*", "/api/deposits/*"), List.of("ledger:read", "ledger:admin")),
            new Rule(READS, List.of("/api/deposits"), List.of("ledger:admin")),
            new Rule(Set.of(PathItem.HttpMethod.POST), List.of("/api/withdrawals/*/approve", "/api/withdrawals/*/reject"),
                    List.of("ledger:admin")),
            new Rule(READS, List.of("/api/admin/operations"), List.of("ledger:audit", "ledger:admin")),
            new Rule(ANY, List.of("/api/audit/**"), List.of("ledger:audit")),
            new Rule(ANY, List.of("/api/admin/**"), List.of("ledger:admin")),
            new Rule(ANY, List.of("/api/**"), List.of("ledger:write")));

    private static final AntPathMatcher PATHS = new AntPathMatcher();

    static List<String> scopesOf(String template, PathItem.HttpMethod method) {
        String path = template.replaceAll("\\{[^}]+}", "x");
        return RULES.stream().filter(rule -> rule.methods().contains(method))
                .filter(rule -> rule.patterns().stream().anyMatch(pattern -> PATHS.match(pattern, path)))
                .map(Rule::scopes).findFirst().orElseThrow(() -> new IllegalStateException("no scope rule for " + method + " " + template));
    }

    private static void describe(String path, PathItem.HttpMethod method, Operation operation, Set<Integer> statuses) {
        List<String> scopes = scopesOf(path, method);
        boolean open = scopes.isEmpty();
        if (open) {
            operation.setSecurity(List.of());
        } else {
            operation.setSecurity(List.of(new SecurityRequirement().addList(BEARER)));
            operation.addExtension("x-scopes", scopes);
            String needs = "Needs an API key with " + (scopes.size() == 1 ? "the scope " + scopes.get(0)
                    : "one of the scopes " + String.join(", ", scopes)) + ".";
            operation.setDescription(operation.getDescription() == null ? needs : operation.getDescription() + " " + needs);
        }
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        operation.setResponses(responses);
        responses.keySet().removeIf(status -> !status.startsWith("2"));
        boolean hasPathId = path.contains("{");
        boolean command = method != PathItem.HttpMethod.GET && method != PathItem.HttpMethod.HEAD;
        for (int status : statuses) {
            boolean applies = switch (status) {
                case 400 -> true;
                case 401 -> true;
                case 403 -> !open;
                case 404 -> hasPathId || command;
                case 409, 422 -> command && !open && !path.startsWith("/api/admin");
                default -> false;
            };
            if (applies) {
                responses.addApiResponse(String.valueOf(status), new ApiResponse().$ref("#/components/responses/" + problemName(status)));
            }
        }
    }

    private static String problemName(int status) {
        return "Problem" + status;
    }

    /** The codes each status carries: every RejectionCode by ProblemResponses' mapping, and the framework's own. */
    static Map<Integer, List<String>> problemCodes() {
        Map<Integer, List<String>> codes = new TreeMap<>();
        codes.put(400, new ArrayList<>(List.of("VALIDATION_FAILED", "NUMBER_NOT_SIGNED")));
        codes.put(401, new ArrayList<>(List.of("UNAUTHORIZED", "INVALID_SIGNATURE")));
        codes.put(403, new ArrayList<>(List.of("FORBIDDEN")));
        codes.put(404, new ArrayList<>(List.of("NOT_FOUND")));
        codes.put(409, new ArrayList<>());
        codes.put(422, new ArrayList<>());
        Arrays.stream(RejectionCode.values()).forEach(code -> {
            List<String> list = codes.get(ProblemResponses.statusOf(code).value());
            if (!list.contains(code.name())) {
                list.add(code.name());
            }
        });
        return codes;
    }

    /** {@code errors} of a 400: which rule the input broke and where; the rules are {@link RuleViolation.Rule}'s. */
    private static Schema<?> ruleViolations() {
        ObjectSchema violation = new ObjectSchema();
        violation.addProperty("field", new StringSchema().description("the request field, query parameter or path variable, "
                + "as the API names it; 'body' for the body as a whole, 'query' for a parameter name not echoed"));
        violation.addProperty("rule", new StringSchema()._enum(Arrays.stream(RuleViolation.Rule.values()).map(RuleViolation.Rule::wireName).toList())
                .description("stable, snake_case: clients switch on it (README, 'Errors and the rules they name')"));
        violation.required(List.of("field", "rule"));
        return new ArraySchema().items(violation)
                .description("the rules the input broke; empty only for a refusal recorded before refusals named their rules");
    }

    private static Schema<?> problemSchema(int status, List<String> codes) {
        Map<String, Schema> properties = new LinkedHashMap<>();
        properties.put("type", new StringSchema().format("uri"));
        properties.put("title", new StringSchema());
        properties.put("status", new IntegerSchema()._enum(List.of(status)));
        properties.put("detail", new StringSchema().description("for the caller: what was wrong"));
        properties.put("instance", new StringSchema().format("uri-reference"));
        properties.put("code", new StringSchema()._enum(codes).description("stable: clients switch on it"));
        if (status == HttpStatus.BAD_REQUEST.value()) {
            properties.put("errors", ruleViolations());
        }
        ObjectSchema problem = new ObjectSchema();
        problem.setProperties(properties);
        problem.required(status == HttpStatus.BAD_REQUEST.value() ? List.of("type", "title", "status", "code", "errors")
                : List.of("type", "title", "status", "code"));
        problem.description("RFC 9457 problem details with the ledger's stable code");
        return problem;
    }
}
