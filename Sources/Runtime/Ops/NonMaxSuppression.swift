import ModelGraph

/// Greedy non-maximum suppression per batch and class: boxes in descending score order (lower
/// index first on ties) above `score_threshold` are kept unless their IoU with a kept box
/// exceeds `iou_threshold`, up to `max_output_boxes_per_class`. Output: int64
/// `[selected, 3]` rows `(batch, class, box)`. Boxes are corners `[y1, x1, y2, x2]` or, with
/// `center_point_box = 1`, `[x, y, width, height]`.
struct NonMaxSuppression: Kernel {
  static let key = OpKey("NonMaxSuppression", since: 10)
  static let arity: ClosedRange<Int> = 2...5
  let centered: Bool

  init(node: Node, opset: Int) throws(RuntimeError) { centered = try node.int("center_point_box", default: 0) != 0 }

  func run(_ inputs: [Tensor?], context: KernelContext) throws(RuntimeError) -> [Tensor] {
    let boxes = try inputs.float(0), scores = try inputs.float(1)
    guard boxes.rank == 3, boxes.shape[2] == 4, scores.rank == 3, scores.shape[0] == boxes.shape[0], scores.shape[2] == boxes.shape[1] else {
      throw .shape(input: 1, expected: "scores [B, C, N] for boxes [B, N, 4] \(boxes.shape)", found: scores.shape)
    }
    let limit = try inputs.ints(2)?.first ?? 0
    let iou = inputs.optional(3)?.floats()?.first ?? 0, threshold = inputs.optional(4)?.floats()?.first
    let (b, c, n) = (scores.shape[0], scores.shape[1], scores.shape[2])
    let box = (boxes.floats() ?? []).map { Double($0) }, score = scores.floats() ?? []
    // Each box as (xmin, xmax, ymin, ymax).
    let extents = (0..<(b * n)).map { i -> [Double] in
      let v = box[(i * 4)..<(i * 4 + 4)].map { $0 }
      return centered ? [v[0] - v[2] / 2, v[0] + v[2] / 2, v[1] - v[3] / 2, v[1] + v[3] / 2]
        : [min(v[1], v[3]), max(v[1], v[3]), min(v[0], v[2]), max(v[0], v[2])]
    }
    func overlaps(_ p: [Double], _ q: [Double]) -> Bool {
      let w = min(p[1], q[1]) - max(p[0], q[0]), h = min(p[3], q[3]) - max(p[2], q[2])
      guard w > 0, h > 0 else { return false }
      let inter = w * h, a1 = (p[1] - p[0]) * (p[3] - p[2]), a2 = (q[1] - q[0]) * (q[3] - q[2])
      guard a1 > 0, a2 > 0, a1 + a2 - inter > 0 else { return false }
      return inter / (a1 + a2 - inter) > Double(iou)
    }
    var selected: [Int64] = []
    for batch in 0..<b {
      for cls in 0..<c {
        let s = (0..<n).map { score[(batch * c + cls) * n + $0] }
        let candidates = (0..<n).filter { threshold == nil || s[$0] > threshold ?? 0 }.sorted { s[$0] > s[$1] || (s[$0] == s[$1] && $0 < $1) }
        var kept: [Int] = []
        for i in candidates where kept.count < limit && !kept.contains(where: { overlaps(extents[batch * n + i], extents[batch * n + $0]) }) {
          kept.append(i)
          selected += [Int64(batch), Int64(cls), Int64(i)]
        }
      }
    }
    return [Tensor(int64: selected, shape: [selected.count / 3, 3])]
  }
}
