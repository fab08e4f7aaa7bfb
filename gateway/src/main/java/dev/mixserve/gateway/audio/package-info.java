/**
 * OpenAI audio: transcriptions, translations and speech, with the pump that moves synthesised audio
 * to the client as it is made.
 */
package dev.mixserve.gateway.audio;
