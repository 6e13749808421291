import type { ConnectorRule } from "../rule.js";
import { rule as conduitBasePathRoutePrefix } from "./conduit-base-path-route-prefix/rule.js";
import { rule as conduitStoredStringLength } from "./conduit-stored-string-length/rule.js";
import { rule as conduitWebhookUnsubscribe } from "./conduit-webhook-unsubscribe/rule.js";
import { rule as ppArrayItems } from "./pp-array-items/rule.js";
import { rule as ppBasePath } from "./pp-base-path/rule.js";
import { rule as ppBinaryString } from "./pp-binary-string/rule.js";
import { rule as ppCollectionFormat } from "./pp-collection-format/rule.js";
import { rule as ppCollectionFormatType } from "./pp-collection-format-type/rule.js";
import { rule as ppConnectorMetadata } from "./pp-connector-metadata/rule.js";
import { rule as ppDefaultEnum } from "./pp-default-enum/rule.js";
import { rule as ppDefaultResponse } from "./pp-default-response/rule.js";
import { rule as ppDefaultValue } from "./pp-default-value/rule.js";
import { rule as ppDefaultValueString } from "./pp-default-value-string/rule.js";
import { rule as ppDiscriminator } from "./pp-discriminator/rule.js";
import { rule as ppDynamicOperation } from "./pp-dynamic-operation/rule.js";
import { rule as ppDynamicParameters } from "./pp-dynamic-parameters/rule.js";
import { rule as ppDynamicResponse } from "./pp-dynamic-response/rule.js";
import { rule as ppEnumValues } from "./pp-enum-values/rule.js";
import { rule as ppExtensionPlacement } from "./pp-extension-placement/rule.js";
import { rule as ppExtensionUnknown } from "./pp-extension-unknown/rule.js";
import { rule as ppExtensionValue } from "./pp-extension-value/rule.js";
import { rule as ppFetchBody } from "./pp-fetch-body/rule.js";
import { rule as ppFileType } from "./pp-file-type/rule.js";
import { rule as ppFormData } from "./pp-form-data/rule.js";
import { rule as ppFormDataConsumes } from "./pp-form-data-consumes/rule.js";
import { rule as ppFormat } from "./pp-format/rule.js";
import { rule as ppHost } from "./pp-host/rule.js";
import { rule as ppHostName } from "./pp-host-name/rule.js";
import { rule as ppInfoContact } from "./pp-info-contact/rule.js";
import { rule as ppInfoDescription } from "./pp-info-description/rule.js";
import { rule as ppInfoTitle } from "./pp-info-title/rule.js";
import { rule as ppInternalParameters } from "./pp-internal-parameters/rule.js";
import { rule as ppInternalRequired } from "./pp-internal-required/rule.js";
import { rule as ppLimits } from "./pp-limits/rule.js";
import { rule as ppMimeTypes } from "./pp-mime-types/rule.js";
import { rule as ppNotificationContent } from "./pp-notification-content/rule.js";
import { rule as ppNotificationUrl } from "./pp-notification-url/rule.js";
import { rule as ppNotificationUrlInternal } from "./pp-notification-url-internal/rule.js";
import { rule as ppOas2Schema } from "./pp-oas2-schema/rule.js";
import { rule as ppOauthCustomParameters } from "./pp-oauth-custom-parameters/rule.js";
import { rule as ppOauthScopes } from "./pp-oauth-scopes/rule.js";
import { rule as ppOauthSettings } from "./pp-oauth-settings/rule.js";
import { rule as ppOpenapiVersion } from "./pp-openapi-version/rule.js";
import { rule as ppOperationDescription } from "./pp-operation-description/rule.js";
import { rule as ppOperationId } from "./pp-operation-id/rule.js";
import { rule as ppOperationIdForm } from "./pp-operation-id-form/rule.js";
import { rule as ppOperationIdPowerfx } from "./pp-operation-id-powerfx/rule.js";
import { rule as ppOperationResponses } from "./pp-operation-responses/rule.js";
import { rule as ppOperationSummary } from "./pp-operation-summary/rule.js";
import { rule as ppOperationSummaryLimit } from "./pp-operation-summary-limit/rule.js";
import { rule as ppParameterExample } from "./pp-parameter-example/rule.js";
import { rule as ppParameterSummary } from "./pp-parameter-summary/rule.js";
import { rule as ppParameterUnique } from "./pp-parameter-unique/rule.js";
import { rule as ppPathDuplicates } from "./pp-path-duplicates/rule.js";
import { rule as ppPathOverlap } from "./pp-path-overlap/rule.js";
import { rule as ppPathParameters } from "./pp-path-parameters/rule.js";
import { rule as ppPaths } from "./pp-paths/rule.js";
import { rule as ppPolicyTemplates } from "./pp-policy-templates/rule.js";
import { rule as ppPowerfxExtensions } from "./pp-powerfx-extensions/rule.js";
import { rule as ppPowerfxNames } from "./pp-powerfx-names/rule.js";
import { rule as ppPropertiesConstraints } from "./pp-properties-constraints/rule.js";
import { rule as ppPropertiesFile } from "./pp-properties-file/rule.js";
import { rule as ppPropertiesSecrets } from "./pp-properties-secrets/rule.js";
import { rule as ppPropertySummary } from "./pp-property-summary/rule.js";
import { rule as ppRefs } from "./pp-refs/rule.js";
import { rule as ppRequiredProperties } from "./pp-required-properties/rule.js";
import { rule as ppReservedParameter } from "./pp-reserved-parameter/rule.js";
import { rule as ppResponseExamples } from "./pp-response-examples/rule.js";
import { rule as ppRootKeys } from "./pp-root-keys/rule.js";
import { rule as ppSchemaKeywords } from "./pp-schema-keywords/rule.js";
import { rule as ppSchemes } from "./pp-schemes/rule.js";
import { rule as ppSecurityRequirements } from "./pp-security-requirements/rule.js";
import { rule as ppSecuritySchemes } from "./pp-security-schemes/rule.js";
import { rule as ppSuccessResponseSchema } from "./pp-success-response-schema/rule.js";
import { rule as ppTestConnection } from "./pp-test-connection/rule.js";
import { rule as ppTriggerKind } from "./pp-trigger-kind/rule.js";
import { rule as ppUrlEncoding } from "./pp-url-encoding/rule.js";
import { rule as ppValueBounds } from "./pp-value-bounds/rule.js";
import { rule as ppWebhookDelete } from "./pp-webhook-delete/rule.js";
import { rule as ppWebhookResponse } from "./pp-webhook-response/rule.js";
import { rule as ppWebhookTrigger } from "./pp-webhook-trigger/rule.js";

/** Each key must be its rule's id: the compiler checks it, so a rule cannot be registered under another name. */
function registry<T extends { [K in keyof T]: ConnectorRule<K & string> }>(rules: T): T {
  return rules;
}

/** Every rule of the Power Platform ruleset, by id. One folder per rule: rule.ts, cases.ts, README.md. */
export const RULES = registry({
  "conduit-base-path-route-prefix": conduitBasePathRoutePrefix,
  "conduit-stored-string-length": conduitStoredStringLength,
  "conduit-webhook-unsubscribe": conduitWebhookUnsubscribe,
  "pp-array-items": ppArrayItems,
  "pp-base-path": ppBasePath,
  "pp-binary-string": ppBinaryString,
  "pp-collection-format": ppCollectionFormat,
  "pp-collection-format-type": ppCollectionFormatType,
  "pp-connector-metadata": ppConnectorMetadata,
  "pp-default-enum": ppDefaultEnum,
  "pp-default-response": ppDefaultResponse,
  "pp-default-value": ppDefaultValue,
  "pp-default-value-string": ppDefaultValueString,
  "pp-discriminator": ppDiscriminator,
  "pp-dynamic-operation": ppDynamicOperation,
  "pp-dynamic-parameters": ppDynamicParameters,
  "pp-dynamic-response": ppDynamicResponse,
  "pp-enum-values": ppEnumValues,
  "pp-extension-placement": ppExtensionPlacement,
  "pp-extension-unknown": ppExtensionUnknown,
  "pp-extension-value": ppExtensionValue,
  "pp-fetch-body": ppFetchBody,
  "pp-file-type": ppFileType,
  "pp-form-data": ppFormData,
  "pp-form-data-consumes": ppFormDataConsumes,
  "pp-format": ppFormat,
  "pp-host": ppHost,
  "pp-host-name": ppHostName,
  "pp-info-contact": ppInfoContact,
  "pp-info-description": ppInfoDescription,
  "pp-info-title": ppInfoTitle,
  "pp-internal-parameters": ppInternalParameters,
  "pp-internal-required": ppInternalRequired,
  "pp-limits": ppLimits,
  "pp-mime-types": ppMimeTypes,
  "pp-notification-content": ppNotificationContent,
  "pp-notification-url": ppNotificationUrl,
  "pp-notification-url-internal": ppNotificationUrlInternal,
  "pp-oas2-schema": ppOas2Schema,
  "pp-oauth-custom-parameters": ppOauthCustomParameters,
  "pp-oauth-scopes": ppOauthScopes,
  "pp-oauth-settings": ppOauthSettings,
  "pp-openapi-version": ppOpenapiVersion,
  "pp-operation-description": ppOperationDescription,
  "pp-operation-id": ppOperationId,
  "pp-operation-id-form": ppOperationIdForm,
  "pp-operation-id-powerfx": ppOperationIdPowerfx,
  "pp-operation-responses": ppOperationResponses,
  "pp-operation-summary": ppOperationSummary,
  "pp-operation-summary-limit": ppOperationSummaryLimit,
  "pp-parameter-example": ppParameterExample,
  "pp-parameter-summary": ppParameterSummary,
  "pp-parameter-unique": ppParameterUnique,
  "pp-path-duplicates": ppPathDuplicates,
  "pp-path-overlap": ppPathOverlap,
  "pp-path-parameters": ppPathParameters,
  "pp-paths": ppPaths,
  "pp-policy-templates": ppPolicyTemplates,
  "pp-powerfx-extensions": ppPowerfxExtensions,
  "pp-powerfx-names": ppPowerfxNames,
  "pp-properties-constraints": ppPropertiesConstraints,
  "pp-properties-file": ppPropertiesFile,
  "pp-properties-secrets": ppPropertiesSecrets,
  "pp-property-summary": ppPropertySummary,
  "pp-refs": ppRefs,
  "pp-required-properties": ppRequiredProperties,
  "pp-reserved-parameter": ppReservedParameter,
  "pp-response-examples": ppResponseExamples,
  "pp-root-keys": ppRootKeys,
  "pp-schema-keywords": ppSchemaKeywords,
  "pp-schemes": ppSchemes,
  "pp-security-requirements": ppSecurityRequirements,
  "pp-security-schemes": ppSecuritySchemes,
  "pp-success-response-schema": ppSuccessResponseSchema,
  "pp-test-connection": ppTestConnection,
  "pp-trigger-kind": ppTriggerKind,
  "pp-url-encoding": ppUrlEncoding,
  "pp-value-bounds": ppValueBounds,
  "pp-webhook-delete": ppWebhookDelete,
  "pp-webhook-response": ppWebhookResponse,
  "pp-webhook-trigger": ppWebhookTrigger,
});

export type RuleId = keyof typeof RULES;
