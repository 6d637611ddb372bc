# Hookline in a container: `docker build -t hookline .`, then see docker-compose.yml.
# Not exercised by this project's CI (it has no Docker engine): the build and run below are untested there.

# Build stage: the JDK and the Maven wrapper build the shaded jar, server/target/hookline.jar.
FROM eclipse-temurin:21-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
COPY sdk-java/pom.xml sdk-java/
COPY migrations/pom.xml migrations/
COPY core/pom.xml core/
COPY worker/pom.xml worker/
COPY server/pom.xml server/
COPY bench/pom.xml bench/
# Dependencies first, in their own layer, so a change of the sources alone does not download them again.
RUN ./mvnw -B -q dependency:go-offline -pl server -am || true
COPY . .
RUN ./mvnw -B -q package -pl server -am -DskipTests -Dspotless.check.skip=true \
    && cp server/target/hookline.jar /hookline.jar

# Runtime stage: a JRE, the jar and the configuration, as a user without privileges.
FROM eclipse-temurin:21-jre
RUN groupadd --system hookline && useradd --system --gid hookline --home-dir /app --shell /usr/sbin/nologin hookline
WORKDIR /app
COPY --from=build /hookline.jar /app/hookline.jar
COPY config/hookline.yml /app/hookline.yml
USER hookline
# Every setting comes from HOOKLINE_* variables (config/hookline.yml). In a container the ports listen on every
# interface; publish only 8080 (the API) and keep 8081 (metrics, health) on the orchestrator's private network.
ENV HOOKLINE_HTTP_HOST=0.0.0.0 \
    HOOKLINE_ADMIN_HOST=0.0.0.0 \
    HOOKLINE_DRAIN_DELAY=5s \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
EXPOSE 8080 8081
# Ready: PostgreSQL and Redis answer and the process is not draining (docs/operations/metrics.md, /health/ready).
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8081 && printf 'GET /health/ready HTTP/1.0\\r\\n\\r\\n' >&3 && head -1 <&3 | grep -q ' 200 '"]
# Logs go to stdout; SIGTERM (docker stop) drains: readiness fails, then in-flight deliveries finish and are recorded.
STOPSIGNAL SIGTERM
ENTRYPOINT ["java", "-jar", "/app/hookline.jar"]
# `worker /app/hookline.yml` for a delivery-only process; `db migrate /app/hookline.yml` to migrate ahead of a rollout.
CMD ["server", "/app/hookline.yml"]
