package dev.mixserve.protocol.rerank;

/** The three rerank wire formats served on one route. */
public enum RerankShape {
  /** Jina and Cohere v1: POST /v1/rerank {query, documents, top_n, return_documents}. */
  JINA_COHERE_V1("/v1/rerank", "documents", true),
  /** Cohere v2: POST /v2/rerank, same request, results without documents by default. */
  COHERE_V2("/v2/rerank", "documents", false),
  /** Hugging Face TEI: POST /rerank {query, texts, raw_scores, return_text} → a bare array. */
  TEI("/rerank", "texts", false);

  private final String path;
  private final String documentsField;
  private final boolean returnDocumentsByDefault;

  RerankShape(String path, String documentsField, boolean returnDocumentsByDefault) {
    this.path = path;
    this.documentsField = documentsField;
    this.returnDocumentsByDefault = returnDocumentsByDefault;
  }

  public String path() {
    return path;
  }

  String documentsField() {
    return documentsField;
  }

  boolean returnDocumentsByDefault() {
    return returnDocumentsByDefault;
  }
}
