package io.firedrill.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model file is read through a bounded stream: never more than the limit + 1 bytes, whatever size
 * the file system reports (0 for devices and pipes).
 */
class BoundedReadTest {
  @TempDir Path tmp;

  @Test
  void device_reportingSizeZero_isRefusedAfterTheLimit_inSeconds() {
    ModelException e =
        assertTimeoutPreemptively(
            Duration.ofSeconds(10),
            () ->
                assertThrows(
                    ModelException.class, () -> ModelLoader.load(Path.of("/dev/zero"), List.of())));
    assertEquals(
        "/dev/zero: file is too large: more than 4194304 bytes (a model may have at most 4194304"
            + " bytes)",
        e.getMessage());
  }

  @Test
  void fileOfExactlyTheLimit_isRead_andOneByteMoreIsNot() throws Exception {
    Path atLimit = tmp.resolve("at-limit.yaml");
    byte[] text = new byte[4 << 20];
    java.util.Arrays.fill(text, (byte) ' ');
    byte[] head = "name: big\n#".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    System.arraycopy(head, 0, text, 0, head.length);
    Files.write(atLimit, text);
    assertEquals(4 << 20, ModelLoader.read(atLimit, "at-limit.yaml").length);
    Path over = tmp.resolve("over.yaml");
    Files.write(over, java.util.Arrays.copyOf(text, (4 << 20) + 1));
    ModelException e =
        assertThrows(ModelException.class, () -> ModelLoader.read(over, "over.yaml"));
    assertEquals(
        "over.yaml: file is too large: 4194305 bytes (a model may have at most 4194304 bytes)",
        e.getMessage());
  }
}
