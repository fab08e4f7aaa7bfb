/**
 * Whether a replica answers: the smallest real request of each task, sent in the shape its server
 * takes ({@link dev.mixserve.controller.health.HttpHealthProbe}), behind the interface the
 * controller loop checks replicas through ({@link dev.mixserve.controller.health.HealthProbe}).
 */
package dev.mixserve.controller.health;
