/** The voice route: audio in, transcript, chat, speech out, one request with per-stage timings. */
package dev.mixserve.gateway.voice;
