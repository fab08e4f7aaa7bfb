package dev.mixserve.protocol.kserve;

import java.util.List;

/**
 * A response tensor; data is flat, row-major.
 *
 * @param data Float/Double numbers for FP32, Strings for BYTES
 */
public record OutputTensor(String name, String datatype, long[] shape, List<?> data) {}
