/**
 * The published contract ({@code GET /v3/api-docs}, open like the pages: it holds no data): springdoc describes the
 * controllers as the wire has them, in the API's snake_case, amounts as decimal strings, every refusal as
 * problem+json with its codes, and the API key (bearer) with the scope each endpoint needs. OpenApiContractTest holds
 * real requests and answers of every endpoint against it.
 */
package com.exchange.ledger.api.openapi;
