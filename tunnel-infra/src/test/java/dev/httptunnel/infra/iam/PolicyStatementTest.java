package dev.httptunnel.infra.iam;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PolicyStatementTest {

    @Test
    void rendersTheIamDocumentShape() {
        String json = PolicyDocument.of(PolicyStatement.allow(List.of("dynamodb:GetItem"), "arn:aws:dynamodb:r:1:table/t"))
                .toJson();
        assertThat(json).isEqualTo("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Action\":[\"dynamodb:GetItem\"],\"Resource\":[\"arn:aws:dynamodb:r:1:table/t\"]}]}");
    }

    @Test
    void wildcardResource_isRefused() {
        assertThatThrownBy(() -> PolicyStatement.allow(List.of("dynamodb:Scan"), "*"))
                .hasMessageContaining("'*'").hasMessageContaining("dynamodb:Scan");
    }

    @Test
    void assumeRole_namesTheServicePrincipal() {
        assertThat(PolicyDocument.of(PolicyStatement.assumeRoleBy("lambda.amazonaws.com")).toJson())
                .contains("\"Principal\":{\"Service\":\"lambda.amazonaws.com\"}")
                .contains("\"Action\":[\"sts:AssumeRole\"]")
                .doesNotContain("Resource");
    }

    @Test
    void denyToEveryone_rendersPrincipalAndConditionInIamOrder() {
        String json = PolicyDocument.of(PolicyStatement.denyToEveryoneWhen(
                Map.of("Bool", Map.of("aws:SecureTransport", "false")), List.of("s3:*"),
                "arn:aws:s3:::b", "arn:aws:s3:::b/*")).toJson();
        assertThat(json).isEqualTo("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\","
                + "\"Principal\":{\"AWS\":\"*\"},\"Action\":[\"s3:*\"],"
                + "\"Resource\":[\"arn:aws:s3:::b\",\"arn:aws:s3:::b/*\"],"
                + "\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"false\"}}}]}");
    }
}
