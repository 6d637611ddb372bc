// JSON shown exactly as it was sent: re-indented without being parsed, so numbers, escapes and key order stay
// byte for byte what the sender wrote (JSON.parse would round big numbers and rewrite escapes).

function skipSpace(text, i) {
  while (i < text.length && (text[i] === " " || text[i] === "\n" || text[i] === "\r" || text[i] === "\t")) i++;
  return i;
}

function endOfString(text, i) {
  let j = i + 1;
  while (j < text.length && text[j] !== '"') j += text[j] === "\\" ? 2 : 1;
  return j + 1;
}

function endOfValue(text, i) {
  const c = text[i];
  if (c === '"') return endOfString(text, i);
  if (c === "{" || c === "[") {
    let depth = 0;
    let j = i;
    while (j < text.length) {
      const d = text[j];
      if (d === '"') {
        j = endOfString(text, j);
        continue;
      }
      if (d === "{" || d === "[") depth++;
      if (d === "}" || d === "]") {
        depth--;
        if (depth === 0) return j + 1;
      }
      j++;
    }
    return j;
  }
  let j = i;
  while (j < text.length && !/[\s,\]}]/.test(text[j])) j++;
  return j;
}

/** The text of one member of a JSON object's text, exactly as it stands there, or null. */
export function rawMember(text, name) {
  let i = skipSpace(text, 0);
  if (text[i] !== "{") return null;
  i++;
  for (;;) {
    i = skipSpace(text, i);
    if (text[i] !== '"') return null;
    const keyEnd = endOfString(text, i);
    const key = JSON.parse(text.slice(i, keyEnd));
    i = skipSpace(text, keyEnd);
    if (text[i] !== ":") return null;
    i = skipSpace(text, i + 1);
    const valueEnd = endOfValue(text, i);
    if (key === name) return text.slice(i, valueEnd);
    i = skipSpace(text, valueEnd);
    if (text[i] !== ",") return null;
    i++;
  }
}

/** JSON text re-indented by two spaces; every string and number as written. */
export function prettyJson(text) {
  let out = "";
  let depth = 0;
  let i = 0;
  const pad = () => "\n" + "  ".repeat(depth);
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      const end = endOfString(text, i);
      out += text.slice(i, end);
      i = end;
    } else if (c === " " || c === "\n" || c === "\r" || c === "\t") {
      i++;
    } else if (c === "{" || c === "[") {
      const j = skipSpace(text, i + 1);
      if (text[j] === (c === "{" ? "}" : "]")) {
        out += c + text[j];
        i = j + 1;
      } else {
        depth++;
        out += c + pad();
        i++;
      }
    } else if (c === "}" || c === "]") {
      depth--;
      out += pad() + c;
      i++;
    } else if (c === ",") {
      out += "," + pad();
      i++;
    } else if (c === ":") {
      out += ": ";
      i++;
    } else {
      const end = endOfValue(text, i);
      out += text.slice(i, end === i ? i + 1 : end);
      i = end === i ? i + 1 : end;
    }
  }
  return out;
}

/** Pretty JSON when {@code text} is JSON, else the text itself. */
export function prettyIfJson(text) {
  if (typeof text !== "string") return "";
  const t = text.trim();
  if (!(t.startsWith("{") || t.startsWith("["))) return text;
  try {
    JSON.parse(t);
  } catch (e) {
    return text;
  }
  return prettyJson(t);
}
