/** The Dataverse client: what the composition roots (task pane, commands) and src/core's callers use. */
export { createOrgService } from "./web-api-org-service";
export { createDiscoveryService, GLOBAL_DISCOVERY_URL, type DiscoveryDeps } from "./discovery-service";
export { createFetchHttpSend } from "./fetch-http-send";
export { createWebApiClient, type WebApiClient, type WebApiDeps } from "./services/web-api-client";
export { createPipeline, compose, type Behavior, type PipelineOptions, type Send } from "./pipeline";
export { mapError, DataverseCodes } from "./map-error";
export { encodeBatch, decodeBatchResponse, decodeBatchRequest, type BatchPart, type BatchRequest, type BatchResponse, type BatchResponsePart } from "./batch";
export type { RetryOptions, Sleep } from "./behaviors/retry";
