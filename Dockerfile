# syntax=docker/dockerfile:1
# The ledger service: built with the Maven wrapper on a JDK, run on a JRE as a non-root user.

FROM eclipse-temurin:17-jdk AS build
WORKDIR /build
# the wrapper and the poms first: a change of source alone then reuses the layer that fetched Maven
COPY mvnw pom.xml ./
COPY .mvn/ .mvn/
COPY ledger-core/pom.xml ledger-core/
COPY ledger-embedded-store/pom.xml ledger-embedded-store/
COPY ledger-projections/pom.xml ledger-projections/
COPY ledger-api/pom.xml ledger-api/
COPY ledger-migration/pom.xml ledger-migration/
# the benchmarks' pom only: the reactor names the module, the image builds and ships none of it (ADR 0016)
COPY ledger-benchmarks/pom.xml ledger-benchmarks/
COPY ledger-core/src/ ledger-core/src/
COPY ledger-embedded-store/src/ ledger-embedded-store/src/
COPY ledger-projections/src/ ledger-projections/src/
COPY ledger-api/src/ ledger-api/src/
COPY ledger-migration/src/ ledger-migration/src/
# the local repository is a build cache, so a rebuild does not download every dependency again
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -ntp -q -DskipTests package -pl ledger-api -am \
 && cp ledger-api/target/ledger-api.jar /build/ledger-api.jar

FROM eclipse-temurin:17-jre
# curl only for the health check below
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system ledger \
 && useradd --system --gid ledger --home-dir /app --shell /usr/sbin/nologin ledger \
 && mkdir -p /app/data \
 && chown -R ledger:ledger /app
WORKDIR /app
COPY --from=build --chown=ledger:ledger /build/ledger-api.jar /app/ledger-api.jar
USER ledger
ENV SERVER_PORT=8080 \
    LEDGER_DATA_DIR=/app/data \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
EXPOSE 8080
# start period: the service replays its projections' positions and warms up before it answers
HEALTHCHECK --interval=10s --timeout=3s --start-period=90s --retries=3 \
  CMD curl -fsS "http://127.0.0.1:${SERVER_PORT}/actuator/health" >/dev/null || exit 1
ENTRYPOINT ["java", "-jar", "/app/ledger-api.jar"]
