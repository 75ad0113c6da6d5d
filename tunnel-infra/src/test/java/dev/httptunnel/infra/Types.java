package dev.httptunnel.infra;

/** Pulumi type tokens of the resources the tests look at. */
final class Types {
    static final String TABLE = "aws:dynamodb/table:Table";
    static final String ROLE = "aws:iam/role:Role";
    static final String ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
    static final String ROLE_POLICY_ATTACHMENT = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";
    static final String FUNCTION = "aws:lambda/function:Function";
    static final String ALIAS = "aws:lambda/alias:Alias";
    static final String PERMISSION = "aws:lambda/permission:Permission";
    static final String LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
    static final String API = "aws:apigatewayv2/api:Api";
    static final String STAGE = "aws:apigatewayv2/stage:Stage";
    static final String INTEGRATION = "aws:apigatewayv2/integration:Integration";
    static final String ROUTE = "aws:apigatewayv2/route:Route";
    static final String DOMAIN_NAME = "aws:apigatewayv2/domainName:DomainName";
    static final String API_MAPPING = "aws:apigatewayv2/apiMapping:ApiMapping";
    static final String CERTIFICATE = "aws:acm/certificate:Certificate";
    static final String CERTIFICATE_VALIDATION = "aws:acm/certificateValidation:CertificateValidation";
    static final String RECORD = "aws:route53/record:Record";
    static final String ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
    static final String TOPIC = "aws:sns/topic:Topic";
    static final String SUBSCRIPTION = "aws:sns/topicSubscription:TopicSubscription";
    static final String API_GATEWAY_ACCOUNT = "aws:apigateway/account:Account";
    static final String BUCKET = "aws:s3/bucketV2:BucketV2";
    static final String BUCKET_PUBLIC_ACCESS_BLOCK = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock";
    static final String BUCKET_OWNERSHIP = "aws:s3/bucketOwnershipControls:BucketOwnershipControls";
    static final String BUCKET_ENCRYPTION =
            "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2";
    static final String BUCKET_LIFECYCLE = "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2";
    static final String BUCKET_POLICY = "aws:s3/bucketPolicy:BucketPolicy";

    private Types() {
    }
}
