/// Nanoseconds as milliseconds with three decimals, as String(format:
/// "%.3f") writes them, without going through Foundation's formatter (it
/// cost more than the rest of an access line).
func millisecondsText(nanoseconds: Int64) -> String {
    let micros = (max(0, nanoseconds) + 500) / 1000
    let fraction = Int(micros % 1000)
    var text = String(micros / 1000)
    text += fraction < 10 ? ".00" : fraction < 100 ? ".0" : "."
    text += String(fraction)
    return text
}
