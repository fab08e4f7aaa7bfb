/**
 * KServe V1 and V2 (Open Inference Protocol) paths and the generate extension, mapped onto the same
 * deployments as the OpenAI routes.
 */
package dev.mixserve.gateway.kserve;
