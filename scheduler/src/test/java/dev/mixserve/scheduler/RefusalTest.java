package dev.mixserve.scheduler;

import static dev.mixserve.api.Vendor.AMD;
import static dev.mixserve.api.Vendor.NVIDIA;
import static dev.mixserve.scheduler.Fx.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every refused replica says, per node, why it does not fit there. */
class RefusalTest {
  static final List<dev.mixserve.api.Node> CLUSTER =
      List.of(
          node("khelben", apu("gfx1151", 64)),
          node("elminster", gpu(NVIDIA, "sm_75", 8, 0)),
          node("big", gpu(NVIDIA, "sm_90", 80, 0), gpu(NVIDIA, "sm_90", 80, 1)));

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "1000|0|amd|khelben: amd gfx1151, 50 milli-GPU free, needs 1000",
        "1000|0|amd|elminster: nvidia sm_75, needs amd",
        "1000|0|amd|big: #0 nvidia sm_90, needs amd; #1 nvidia sm_90, needs amd",
        "50|70|amd|khelben: amd gfx1151, 3.2 GiB free, needs 70 GiB",
        "100|90|nvidia|elminster: nvidia sm_75, 8 GiB free, needs 90 GiB",
      })
  void explainsEachNode(int milli, long gib, String vendor, String reason) {
    var llm = dep("llm", 950, 0, onNode("khelben"), 1);
    var extra = dep("x", milli, gib * GIB, onVendor(dev.mixserve.api.Vendor.parse(vendor)), 1);
    Plan plan = plan(CLUSTER, List.of(llm, extra));
    assertThat(plan.refusals())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.deployment()).isEqualTo("x");
              assertThat(r.reasons()).contains(reason);
            });
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "/llm needs 950 milli-GPU on node khelben|elminster: not node khelben",
      })
  void namesWhatItNeeds(String needs, String reason) {
    var twice = dep("llm", 950, 0, onNode("khelben"), 2);
    var r = plan(CLUSTER, List.of(twice)).refusals().getFirst();
    assertThat(r.needs()).isEqualTo(needs);
    assertThat(r.reasons()).contains(reason, "khelben: amd gfx1151, 50 milli-GPU free, needs 950");
    assertThat(r.replica()).isEqualTo(1);
  }

  @org.junit.jupiter.api.Test
  void noNodesIsAReason() {
    var r = plan(List.of(), List.of(dep("a", 500, 1))).refusals().getFirst();
    assertThat(r.reasons()).containsExactly("no nodes in the inventory");
    assertThat(AMD.id()).isEqualTo("amd");
  }
}
