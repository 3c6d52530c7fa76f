#pragma once
// How far apart two short words are, for "did you mean ...?" suggestions: the optimal string
// alignment distance (Levenshtein's insert, delete and substitute, plus swapping two adjacent
// characters, each costing one), ignoring ASCII case. Typing fast mostly swaps, drops or
// doubles a letter, and each of those is one step here.

#include <cstddef>
#include <string_view>

namespace toom {

/// The number of single-character edits (insert, delete, substitute, swap two neighbours)
/// that turn `a` into `b`, ASCII case ignored. Bytes are compared as they are (a UTF-8
/// character counts as several). Costs O(|a| * |b|) time: meant for command names.
std::size_t editDistance(std::string_view a, std::string_view b);

} // namespace toom
