/**
 * The dashboard and playground at /ui (static pages shipped in this jar) and what they read: the
 * status stream /-/events, pushed by the server from its own metrics and runtime objects, and the
 * running config with its last reload at /-/config. A protocol beside the others: it reads the
 * route table and the replicas, and the playground talks to the public routes as any client does.
 */
package dev.mixserve.gateway.ui;
