package dev.httptunnel.infra.domain;

import com.pulumi.aws.acm.Certificate;
import com.pulumi.aws.acm.CertificateArgs;
import com.pulumi.aws.acm.CertificateValidation;
import com.pulumi.aws.acm.CertificateValidationArgs;
import com.pulumi.aws.acm.outputs.CertificateDomainValidationOption;
import com.pulumi.aws.apigatewayv2.ApiMapping;
import com.pulumi.aws.apigatewayv2.ApiMappingArgs;
import com.pulumi.aws.apigatewayv2.DomainName;
import com.pulumi.aws.apigatewayv2.DomainNameArgs;
import com.pulumi.aws.apigatewayv2.inputs.DomainNameDomainNameConfigurationArgs;
import com.pulumi.aws.apigatewayv2.outputs.DomainNameDomainNameConfiguration;
import com.pulumi.aws.route53.Record;
import com.pulumi.aws.route53.RecordArgs;
import com.pulumi.aws.route53.inputs.RecordAliasArgs;
import com.pulumi.aws.route53.enums.RecordType;
import com.pulumi.core.Either;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import dev.httptunnel.infra.config.StackSettings;

import java.util.List;
import java.util.Map;

/**
 * {@code *.domainName} on the HTTP API, so each tunnel gets its own host. With a Route 53 zone it
 * also points the wildcard at API Gateway and, when no certificate is given, issues one validated
 * through that zone. Only created when the custom domain is enabled.
 */
public final class CustomDomain extends ComponentResource {

    private final DomainName domain;

    public CustomDomain(String name, StackSettings settings, Output<String> httpApiId, Output<String> httpStageName,
                        ComponentResourceOptions options) {
        super("http-tunnel:domain:CustomDomain", name, options);
        var child = CustomResourceOptions.builder().parent(this).build();

        Output<String> certificateArn = settings.certificateArn()
                .map(Output::of)
                .orElseGet(() -> issueCertificate(settings, child));

        this.domain = new DomainName("custom-domain", DomainNameArgs.builder()
                .domainName(settings.wildcardDomain())
                .domainNameConfiguration(DomainNameDomainNameConfigurationArgs.builder()
                        .certificateArn(certificateArn)
                        .endpointType("REGIONAL")
                        .securityPolicy("TLS_1_2")
                        .build())
                .tags(settings.tags())
                .build(), child);

        new ApiMapping("api-mapping", ApiMappingArgs.builder()
                .apiId(httpApiId)
                .domainName(domain.id())
                .stage(httpStageName)
                .build(), child);

        settings.hostedZoneId().ifPresent(zone -> new Record("custom-domain-alias", RecordArgs.builder()
                .zoneId(zone)
                .name(settings.wildcardDomain())
                .type("A")
                .aliases(RecordAliasArgs.builder()
                        .name(targetDomainName())
                        .zoneId(domain.domainNameConfiguration().applyValue(c -> c.hostedZoneId().orElseThrow()))
                        .evaluateTargetHealth(false)
                        .build())
                .build(), child));

        registerOutputs(Map.of("domainName", domainName(), "targetDomainName", targetDomainName()));
    }

    /** An ACM certificate for the wildcard, DNS-validated in the given zone; its ARN once issued. */
    private static Output<String> issueCertificate(StackSettings settings, CustomResourceOptions child) {
        String zone = settings.hostedZoneId().orElseThrow();
        var certificate = new Certificate("custom-domain-certificate", CertificateArgs.builder()
                .domainName(settings.wildcardDomain())
                .validationMethod("DNS")
                .tags(settings.tags())
                .build(), child);
        Output<CertificateDomainValidationOption> validation =
                certificate.domainValidationOptions().applyValue(options -> options.get(0));
        var record = new Record("custom-domain-certificate-validation", RecordArgs.builder()
                .zoneId(zone)
                .name(validation.applyValue(v -> v.resourceRecordName().orElseThrow()))
                .type(validation.applyValue(v -> Either.<String, RecordType>ofLeft(v.resourceRecordType().orElseThrow())))
                .records(validation.applyValue(v -> List.of(v.resourceRecordValue().orElseThrow())))
                .ttl(60)
                .allowOverwrite(true)
                .build(), child);
        return new CertificateValidation("custom-domain-certificate-validated", CertificateValidationArgs.builder()
                .certificateArn(certificate.arn())
                .validationRecordFqdns(record.fqdn().applyValue(List::of))
                .build(), child).certificateArn();
    }

    public Output<String> domainName() {
        return domain.domainName();
    }

    /** The regional API Gateway host that DNS for {@code *.domainName} must point at. */
    public Output<String> targetDomainName() {
        return domain.domainNameConfiguration().applyValue(DomainNameDomainNameConfiguration::targetDomainName)
                .applyValue(target -> target.orElseThrow());
    }
}
