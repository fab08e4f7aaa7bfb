/** The OpenAI chat completions and embeddings endpoints, streamed chat included. */
package dev.mixserve.gateway.openai;
