package io.github.mecomp.embed.eval;

/**
 * Retrieval figures of one system on one label, see {@link Retrieval}.
 *
 * @param precisionAtK         mean over queries of the share of the k nearest clips that are relevant
 *                             (k = {@link Retrieval#K} in reports; the denominator is always k)
 * @param meanAveragePrecision mean over queries of the average precision of the full ranking
 * @param queries              clips that were queries (they had a vector and at least one relevant clip)
 * @param withoutRelevant      clips not used as queries because no other clip shares their label
 * @param withoutVector        labelled clips left out because their audio failed
 */
public record RetrievalScore(double precisionAtK, double meanAveragePrecision, int queries, int withoutRelevant,
                             int withoutVector) {
}
