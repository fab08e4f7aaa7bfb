/**
 * The admin routes under {@code /-/}: status, routes, readiness, the plan, and the model lists that
 * every protocol shares.
 */
package dev.mixserve.gateway.admin;
