package dev.mixserve.gateway.auth;

/** What the check says of one request: in (with a {@link Grant} to hold), or a {@link Refusal}. */
public sealed interface Verdict permits Grant, Refusal {}
