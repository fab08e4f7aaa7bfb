/** Rerank in the Cohere/Jina/TEI shapes, one endpoint for them all. */
package dev.mixserve.gateway.rerank;
