package dev.mixserve.scheduler.report;

/** The seed's class definitions, plus CPU and refused boxes. */
final class Colours {
  private Colours() {}

  static void render(Mermaid m) {
    m.line("classDef client fill:#3498db,color:white");
    m.line("classDef endpoint fill:#9b59b6,color:white");
    m.line("classDef amd fill:#ED1C24,color:white");
    m.line("classDef nvidia fill:#76B900,color:white");
    m.line("classDef intel fill:#0071C5,color:white");
    m.line("classDef cpu fill:#7f8c8d,color:white");
    m.line("classDef refused fill:#ecf0f1,color:#c0392b,stroke-dasharray:5 5");
    m.line("classDef kserve fill:#f39c12,color:black");
    m.line("class chat,voice client");
    m.line("class endpoint endpoint");
    m.classes.forEach((css, ids) -> m.line("class " + String.join(",", ids) + " " + css));
  }
}
