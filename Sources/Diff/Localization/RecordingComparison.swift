import ModelGraph

/// Compares two recordings (say Keras' activations and onnxruntime's on a peer conversion)
/// input by input, without running anything: `deltann diff`.
///
/// Without a candidate graph there is nothing to re-execute, so divergent inputs are localised
/// but not isolated.
public func compareRecordings(
  reference: any ActivationSource, candidate: any ActivationSource, alignment: Alignment,
  names: (reference: String, candidate: String), policy: Comparison = .layerDefault,
  atol: Float = Comparison.defaultAtol, rtol: Float = Comparison.defaultRtol, progress: (Int, Int) -> Void = { _, _ in }
) throws(DiffError) -> PairReport {
  guard let output = alignment.pairs.last else {
    throw .nothingAligned(referenceKeys: reference.entries.count, candidateTensors: candidate.entries.count)
  }
  var pair = PairAnalysis(reference: names.reference, candidate: names.candidate,
                          layers: alignment.pairs.map { ($0.layer, $0.op) }, policy: policy)
  let count = min(reference.inputCount, candidate.inputCount)
  for index in 0..<count {
    var observations: [LayerObservation] = []
    var outputs: (reference: [Float], candidate: [Float]) = ([], [])
    for p in alignment.pairs {
      let ref = try p.referenceTensor(index, from: reference)
      let cand: [Float]
      do { cand = try candidate.tensor(p.candidateTensor, input: index).floats() ?? [] } catch {
        throw .reference(key: p.candidateTensor, problem: "\(error)")
      }
      observations.append(LayerObservation(layer: p.layer, metrics: p.metrics(reference: ref, candidate: cand, atol: atol, rtol: rtol), inputs: p.inputs))
      if p == output { outputs = (ref.floats() ?? [], cand) }
    }
    pair.add(input: index, observations: observations, label: LabelAgreement(reference: outputs.reference, candidate: outputs.candidate))
    progress(index + 1, count)
  }
  var report = pair.report
  report.unaligned = alignment.unalignedReference
  report.groups = alignment.groups
  report.coverage = alignment.coverage(of: reference.entries)
  return report
}
