package dev.mixserve.bench.handwritten;

/**
 * A multipart/form-data parser over a body already in memory, as the gateway holds it: returns a
 * checksum of what it read (sizes of the parts' bytes and names) so nothing is optimised away.
 */
public interface MultipartParser {
  long parse(byte[] body, String contentType);
}
