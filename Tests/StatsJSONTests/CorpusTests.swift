import Testing
@testable import StatsJSON

/// A JSONTestSuite-style corpus (nst/JSONTestSuite naming), written by hand.
/// `y_` documents must be accepted, `n_` documents must be rejected. The suite's implementation-defined
/// `i_` cases are filed by this reader's documented choices: a byte-order mark, lone surrogates and
/// numbers that overflow a Double are rejected; huge integers become doubles and underflow reads as 0.
enum Corpus {
    static let accepted: [JSONCase] = [
        // Arrays
        JSONCase("y_array_arraysWithSpaces", "[[]   ]"),
        JSONCase("y_array_empty", "[]"),
        JSONCase("y_array_empty-string", #"[""]"#),
        JSONCase("y_array_ending_with_newline", "[\"a\"]\n"),
        JSONCase("y_array_false", "[false]"),
        JSONCase("y_array_heterogeneous", #"[null, 1, "1", {}]"#),
        JSONCase("y_array_null", "[null]"),
        JSONCase("y_array_with_1_and_newline", "[1\n]"),
        JSONCase("y_array_with_leading_space", " [1]"),
        JSONCase("y_array_with_several_null", "[1,null,null,null,2]"),
        JSONCase("y_array_with_trailing_space", "[2] "),
        JSONCase("y_array_nested_10", "[[[[[[[[[[]]]]]]]]]]"),
        JSONCase("y_array_of_objects", #"[{"a":1},{"b":[2,{"c":null}]}]"#),
        // Numbers
        JSONCase("y_number", "[123e65]"),
        JSONCase("y_number_0e+1", "[0e+1]"),
        JSONCase("y_number_0e1", "[0e1]"),
        JSONCase("y_number_after_space", "[ 4]"),
        JSONCase("y_number_double_close_to_zero",
                 "[-0.000000000000000000000000000000000000000000000000000000000000000000000000000001]"),
        JSONCase("y_number_double_huge_neg_exp", "[123.456e-789]"),
        JSONCase("y_number_int_with_exp", "[20e1]"),
        JSONCase("y_number_minus_zero", "[-0]"),
        JSONCase("y_number_negative_int", "[-123]"),
        JSONCase("y_number_negative_one", "[-1]"),
        JSONCase("y_number_negative_zero_real", "[-0.0]"),
        JSONCase("y_number_real_capital_e", "[1E22]"),
        JSONCase("y_number_real_capital_e_neg_exp", "[1E-2]"),
        JSONCase("y_number_real_capital_e_pos_exp", "[1E+2]"),
        JSONCase("y_number_real_exponent", "[123e45]"),
        JSONCase("y_number_real_fraction_exponent", "[123.456e78]"),
        JSONCase("y_number_real_neg_exp", "[1e-2]"),
        JSONCase("y_number_real_pos_exponent", "[1e+2]"),
        JSONCase("y_number_simple_int", "[123]"),
        JSONCase("y_number_simple_real", "[123.456789]"),
        JSONCase("y_number_zero_exp_leading_zeros", "[1e007]"),
        JSONCase("y_number_max_double", "[1.7976931348623157e308]"),
        JSONCase("y_number_min_double", "[-1.7976931348623157e308]"),
        JSONCase("y_number_min_subnormal", "[5e-324]"),
        JSONCase("y_number_int64_max", "[9223372036854775807]"),
        JSONCase("y_number_int64_min", "[-9223372036854775808]"),
        JSONCase("i_number_big_int_as_double", "[100000000000000000000]"),
        JSONCase("i_number_very_big_negative_int", "[-237462374673276894279832749832423479823246327846]"),
        JSONCase("i_number_real_underflow", "[123e-10000000]"),
        JSONCase("i_number_double_underflow", "[1e-400]"),
        JSONCase("y_number_lonely_zero", "0"),
        JSONCase("y_number_lonely_negative_real", "-0.1"),
        // Objects
        JSONCase("y_object", #"{"asd":"sdf", "dfg":"fgh"}"#),
        JSONCase("y_object_basic", #"{"asd":"sdf"}"#),
        JSONCase("y_object_duplicated_key", #"{"a":"b","a":"c"}"#),
        JSONCase("y_object_duplicated_key_and_value", #"{"a":"b","a":"b"}"#),
        JSONCase("y_object_empty", "{}"),
        JSONCase("y_object_empty_key", #"{"":0}"#),
        JSONCase("y_object_escaped_null_in_key", #"{"foo\u0000bar": 42}"#),
        JSONCase("y_object_extreme_numbers", #"{ "min": -1.0e+28, "max": 1.0e+28 }"#),
        JSONCase("y_object_long_strings",
                 #"{"x":[{"id": "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"}], "id": "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"}"#),
        JSONCase("y_object_simple", #"{"a":[]}"#),
        JSONCase("y_object_string_unicode",
                 #"{"title":"\u041f\u043e\u043b\u0442\u043e\u0440\u0430 \u0417\u0435\u043c\u043b\u0435\u043a\u043e\u043f\u0430" }"#),
        JSONCase("y_object_with_newlines", "{\n\"a\": \"b\"\n}"),
        JSONCase("y_object_nested", #"{"a":{"b":{"c":[1,{"d":null}]}}}"#),
        JSONCase("y_object_nfc_and_nfd_keys", #"{"caf\u00e9":1,"cafe\u0301":2}"#),
        // Strings
        JSONCase("y_string_1_2_3_bytes_UTF-8_sequences", #"["\u0060\u012a\u12AB"]"#),
        JSONCase("y_string_accepted_surrogate_pair", #"["\uD801\udc37"]"#),
        JSONCase("y_string_accepted_surrogate_pairs", #"["\ud83d\ude39\ud83d\udc8d"]"#),
        JSONCase("y_string_allowed_escapes", #"["\"\\\/\b\f\n\r\t"]"#),
        JSONCase("y_string_backslash_and_u_escaped_zero", #"["\\u0000"]"#),
        JSONCase("y_string_backslash_doublequotes", #"["\""]"#),
        JSONCase("y_string_comments", #"["a/*b*/c/*d//e"]"#),
        JSONCase("y_string_double_escape_a", #"["\\a"]"#),
        JSONCase("y_string_double_escape_n", #"["\\n"]"#),
        JSONCase("y_string_escaped_control_character", #"["\u0012"]"#),
        JSONCase("y_string_escaped_noncharacter", #"["\uFFFF"]"#),
        JSONCase("y_string_in_array", #"["asd"]"#),
        JSONCase("y_string_in_array_with_leading_space", #"[ "asd"]"#),
        JSONCase("y_string_last_surrogates_1_and_2", #"["\uDBFF\uDFFF"]"#),
        JSONCase("y_string_nbsp_uescaped", #"["new\u00A0line"]"#),
        JSONCase("y_string_nonCharacterInUTF-8_U+10FFFF", "[\"", raw: [0xF4, 0x8F, 0xBF, 0xBF], "\"]"),
        JSONCase("y_string_nonCharacterInUTF-8_U+FFFF", "[\"", raw: [0xEF, 0xBF, 0xBF], "\"]"),
        JSONCase("y_string_null_escape", #"["\u0000"]"#),
        JSONCase("y_string_one-byte-utf-8", #"["\u002c"]"#),
        JSONCase("y_string_pi", "[\"\u{3C0}\"]"),
        JSONCase("y_string_reservedCharacterInUTF-8_U+1BFFF", "[\"", raw: [0xF0, 0x9B, 0xBF, 0xBF], "\"]"),
        JSONCase("y_string_simple_ascii", #"["asd "]"#),
        JSONCase("y_string_space", #"" ""#),
        JSONCase("y_string_surrogates_U+1D11E_MUSICAL_SYMBOL_G_CLEF", #"["\uD834\uDd1e"]"#),
        JSONCase("y_string_three-byte-utf-8", #"["\u0821"]"#),
        JSONCase("y_string_two-byte-utf-8", #"["\u0123"]"#),
        JSONCase("y_string_u+2028_line_sep", "[\"", raw: [0xE2, 0x80, 0xA8], "\"]"),
        JSONCase("y_string_u+2029_par_sep", "[\"", raw: [0xE2, 0x80, 0xA9], "\"]"),
        JSONCase("y_string_uEscape", #"["\u0061\u30af\u30EA\u30b9"]"#),
        JSONCase("y_string_uescaped_newline", #"["new\u000Aline"]"#),
        JSONCase("y_string_unescaped_char_delete", "[\"\u{7F}\"]"),
        JSONCase("y_string_unicode", #"["\uA66D"]"#),
        JSONCase("y_string_unicodeEscapedBackslash", #"["\u005C"]"#),
        JSONCase("y_string_unicode_2", "[\"\u{2342}\u{3234}\u{2342}\"]"),
        JSONCase("y_string_unicode_U+10FFFE_nonchar", #"["\uDBFF\uDFFE"]"#),
        JSONCase("y_string_unicode_U+1FFFE_nonchar", #"["\uD83F\uDFFE"]"#),
        JSONCase("y_string_unicode_U+200B_ZERO_WIDTH_SPACE", #"["\u200B"]"#),
        JSONCase("y_string_unicode_U+2064_invisible_plus", #"["\u2064"]"#),
        JSONCase("y_string_unicode_U+FDD0_nonchar", #"["\uFDD0"]"#),
        JSONCase("y_string_unicode_U+FFFE_nonchar", #"["\uFFFE"]"#),
        JSONCase("y_string_unicode_escaped_double_quote", #"["\u0022"]"#),
        JSONCase("y_string_utf8", "[\"\u{20AC}\u{1D11E}\"]"),
        JSONCase("y_string_with_del_character", "[\"a\u{7F}a\"]"),
        JSONCase("y_string_raw_emoji", "[\"\u{1F680}\"]"),
        JSONCase("y_string_raw_nfd", "[\"cafe\u{301}\"]"),
        JSONCase("y_string_boundary_U+0080", "[\"", raw: [0xC2, 0x80], "\"]"),
        JSONCase("y_string_boundary_U+07FF", "[\"", raw: [0xDF, 0xBF], "\"]"),
        JSONCase("y_string_boundary_U+0800", "[\"", raw: [0xE0, 0xA0, 0x80], "\"]"),
        JSONCase("y_string_boundary_U+D7FF", "[\"", raw: [0xED, 0x9F, 0xBF], "\"]"),
        JSONCase("y_string_boundary_U+E000", "[\"", raw: [0xEE, 0x80, 0x80], "\"]"),
        JSONCase("y_string_boundary_U+10000", "[\"", raw: [0xF0, 0x90, 0x80, 0x80], "\"]"),
        JSONCase("y_string_escaped_slash_and_raw_slash", #"["\/ and /"]"#),
        // Structure
        JSONCase("y_structure_lonely_false", "false"),
        JSONCase("y_structure_lonely_int", "42"),
        JSONCase("y_structure_lonely_null", "null"),
        JSONCase("y_structure_lonely_string", #""asd""#),
        JSONCase("y_structure_lonely_true", "true"),
        JSONCase("y_structure_string_empty", #""""#),
        JSONCase("y_structure_trailing_newline", "[\"a\"]\n"),
        JSONCase("y_structure_true_in_array", "[true]"),
        JSONCase("y_structure_whitespace_array", " [] "),
        JSONCase("y_structure_all_whitespace_kinds",
                 "\t\r\n [ \t\r\n1 \t\r\n, \t\r\n{ \t\r\n\"a\" \t\r\n: \t\r\n2 \t\r\n} \t\r\n] \t\r\n"),
        JSONCase("y_structure_crlf_lines", "{\r\n  \"a\": [1,\r\n 2]\r\n}\r\n"),
    ]

    static let rejected: [JSONCase] = [
        // Arrays
        JSONCase("n_array_1_true_without_comma", "[1 true]"),
        JSONCase("n_array_a_invalid_utf8", "[a", raw: [0xE5], "]"),
        JSONCase("n_array_colon_instead_of_comma", #"["": 1]"#),
        JSONCase("n_array_comma_after_close", #"[""],"#),
        JSONCase("n_array_comma_and_number", "[,1]"),
        JSONCase("n_array_double_comma", "[1,,2]"),
        JSONCase("n_array_double_extra_comma", #"["x",,]"#),
        JSONCase("n_array_extra_close", #"["x"]]"#),
        JSONCase("n_array_extra_comma", #"["",]"#),
        JSONCase("n_array_incomplete", #"["x""#),
        JSONCase("n_array_incomplete_invalid_value", "[x"),
        JSONCase("n_array_inner_array_no_comma", "[3[4]]"),
        JSONCase("n_array_invalid_utf8", "[", raw: [0xFF], "]"),
        JSONCase("n_array_items_separated_by_semicolon", "[1:2]"),
        JSONCase("n_array_just_comma", "[,]"),
        JSONCase("n_array_just_minus", "[-]"),
        JSONCase("n_array_missing_value", #"[   , ""]"#),
        JSONCase("n_array_newlines_unclosed", "[\"a\",\n4\n,1,"),
        JSONCase("n_array_number_and_comma", "[1,]"),
        JSONCase("n_array_number_and_several_commas", "[1,,]"),
        JSONCase("n_array_spaces_vertical_tab_formfeed", "[\"\u{0B}a\"\u{0C}]"),
        JSONCase("n_array_star_inside", "[*]"),
        JSONCase("n_array_unclosed", #"["""#),
        JSONCase("n_array_unclosed_trailing_comma", "[1,"),
        JSONCase("n_array_unclosed_with_new_lines", "[1,\n1\n,1"),
        JSONCase("n_array_unclosed_with_object_inside", "[{}"),
        JSONCase("n_array_trailing_comma_nested", "[[1,],2]"),
        // Literals
        JSONCase("n_incomplete_false", "[fals]"),
        JSONCase("n_incomplete_null", "[nul]"),
        JSONCase("n_incomplete_true", "[tru]"),
        JSONCase("n_literal_nulll", "nulll"),
        JSONCase("n_literal_truex", "truex"),
        JSONCase("n_literal_capital_True", "[True]"),
        JSONCase("n_literal_FALSE", "FALSE"),
        JSONCase("n_literal_NULL", "NULL"),
        JSONCase("n_literal_truncated_at_eof", "tr"),
        // Numbers
        JSONCase("n_multidigit_number_then_00", "123", raw: [0x00]),
        JSONCase("n_number_++", "[++1234]"),
        JSONCase("n_number_+1", "[+1]"),
        JSONCase("n_number_+Inf", "[+Inf]"),
        JSONCase("n_number_-01", "[-01]"),
        JSONCase("n_number_-1.0.", "[-1.0.]"),
        JSONCase("n_number_-2.", "[-2.]"),
        JSONCase("n_number_-NaN", "[-NaN]"),
        JSONCase("n_number_.-1", "[.-1]"),
        JSONCase("n_number_.2e-3", "[.2e-3]"),
        JSONCase("n_number_0.1.2", "[0.1.2]"),
        JSONCase("n_number_0.3e+", "[0.3e+]"),
        JSONCase("n_number_0.3e", "[0.3e]"),
        JSONCase("n_number_0.e1", "[0.e1]"),
        JSONCase("n_number_0_capital_E+", "[0E+]"),
        JSONCase("n_number_0_capital_E", "[0E]"),
        JSONCase("n_number_0e+", "[0e+]"),
        JSONCase("n_number_0e", "[0e]"),
        JSONCase("n_number_1.0e+", "[1.0e+]"),
        JSONCase("n_number_1.0e-", "[1.0e-]"),
        JSONCase("n_number_1.0e", "[1.0e]"),
        JSONCase("n_number_1_000", "[1 000.0]"),
        JSONCase("n_number_1eE2", "[1eE2]"),
        JSONCase("n_number_2.e+3", "[2.e+3]"),
        JSONCase("n_number_2.e-3", "[2.e-3]"),
        JSONCase("n_number_2.e3", "[2.e3]"),
        JSONCase("n_number_9.e+", "[9.e+]"),
        JSONCase("n_number_Inf", "[Inf]"),
        JSONCase("n_number_NaN", "[NaN]"),
        JSONCase("n_number_U+FF11_fullwidth_digit_one", "[\u{FF11}]"),
        JSONCase("n_number_expression", "[1+2]"),
        JSONCase("n_number_hex_1_digit", "[0x1]"),
        JSONCase("n_number_hex_2_digits", "[0x42]"),
        JSONCase("n_number_infinity", "[Infinity]"),
        JSONCase("n_number_invalid+-", "[0e+-1]"),
        JSONCase("n_number_invalid-negative-real", "[-123.123foo]"),
        JSONCase("n_number_invalid-utf-8-in-bigger-int", "[123", raw: [0xE5], "]"),
        JSONCase("n_number_invalid-utf-8-in-exponent", "[1e1", raw: [0xE5], "]"),
        JSONCase("n_number_invalid-utf-8-in-int", "[0", raw: [0xE5], "]"),
        JSONCase("n_number_minus_infinity", "[-Infinity]"),
        JSONCase("n_number_minus_sign_with_trailing_garbage", "[-foo]"),
        JSONCase("n_number_minus_space_1", "[- 1]"),
        JSONCase("n_number_neg_int_starting_with_zero", "[-012]"),
        JSONCase("n_number_neg_real_without_int_part", "[-.123]"),
        JSONCase("n_number_neg_with_garbage_at_end", "[-1x]"),
        JSONCase("n_number_real_garbage_after_e", "[1ea]"),
        JSONCase("n_number_real_with_invalid_utf8_after_e", "[1e", raw: [0xE5], "]"),
        JSONCase("n_number_real_without_fractional_part", "[1.]"),
        JSONCase("n_number_starting_with_dot", "[.123]"),
        JSONCase("n_number_with_alpha", "[1.2a-3]"),
        JSONCase("n_number_with_alpha_char", "[1.8011670033376514H-308]"),
        JSONCase("n_number_with_leading_zero", "[012]"),
        JSONCase("n_number_leading_zeros_00", "[00]"),
        JSONCase("n_number_leading_zero_real", "[00.5]"),
        JSONCase("n_number_top_01", "01"),
        JSONCase("n_number_top_minus", "-"),
        JSONCase("n_number_top_dot5", ".5"),
        JSONCase("n_number_top_1dot", "1."),
        JSONCase("n_number_top_1e", "1e"),
        JSONCase("n_number_top_1e_minus", "1e-"),
        JSONCase("n_number_top_plus1", "+1"),
        JSONCase("n_number_top_NaN", "NaN"),
        JSONCase("n_number_top_Infinity", "Infinity"),
        JSONCase("n_number_top_minus_Infinity", "-Infinity"),
        JSONCase("n_number_double_minus", "--1"),
        JSONCase("i_number_huge_exp_1e400", "[1e400]"),
        JSONCase("i_number_neg_huge_exp_-1e400", "[-1e400]"),
        JSONCase("i_number_top_1e400", "1e400"),
        JSONCase("i_number_pos_double_huge_exp", "[1.5e+9999]"),
        JSONCase("i_number_double_just_above_max", "[1.8e308]"),
        JSONCase("i_number_400_digits", "[1" + String(repeating: "0", count: 400) + "]"),
        // Objects
        JSONCase("n_object_bad_value", #"["x", truth]"#),
        JSONCase("n_object_bracket_key", #"{[: "x"}"#),
        JSONCase("n_object_comma_instead_of_colon", #"{"x", null}"#),
        JSONCase("n_object_double_colon", #"{"x"::"b"}"#),
        JSONCase("n_object_emoji", "{\u{1F1E8}\u{1F1ED}}"),
        JSONCase("n_object_garbage_at_end", #"{"a":"a" 123}"#),
        JSONCase("n_object_key_with_single_quotes", "{key: 'value'}"),
        JSONCase("n_object_lone_continuation_byte_in_key_and_trailing_comma", "{\"", raw: [0xB9], "\":\"0\",}"),
        JSONCase("n_object_missing_colon", #"{"a" b}"#),
        JSONCase("n_object_missing_key", #"{:"b"}"#),
        JSONCase("n_object_missing_semicolon", #"{"a" "b"}"#),
        JSONCase("n_object_missing_value", #"{"a":"#),
        JSONCase("n_object_no-colon", #"{"a""#),
        JSONCase("n_object_non_string_key", "{1:1}"),
        JSONCase("n_object_non_string_key_but_huge_number_instead", "{9999E9999:1}"),
        JSONCase("n_object_repeated_null_null", "{null:null,null:null}"),
        JSONCase("n_object_several_trailing_commas", #"{"id":0,,,,,}"#),
        JSONCase("n_object_single_quote", "{'a':0}"),
        JSONCase("n_object_trailing_comma", #"{"id":0,}"#),
        JSONCase("n_object_trailing_comma_a", #"{"a":1,}"#),
        JSONCase("n_object_trailing_comment", #"{"a":"b"}/**/"#),
        JSONCase("n_object_trailing_comment_open", #"{"a":"b"}/**//"#),
        JSONCase("n_object_trailing_comment_slash_open", #"{"a":"b"}//"#),
        JSONCase("n_object_trailing_comment_slash_open_incomplete", #"{"a":"b"}/"#),
        JSONCase("n_object_two_commas_in_a_row", #"{"a":"b",,"c":"d"}"#),
        JSONCase("n_object_unquoted_key", #"{a: "b"}"#),
        JSONCase("n_object_unterminated-value", #"{"a":"a"#),
        JSONCase("n_object_with_single_string", #"{ "foo" : "bar", "a" }"#),
        JSONCase("n_object_with_trailing_garbage", #"{"a":"b"}#"#),
        JSONCase("n_object_comment_inside", #"{"a":/*comment*/"b"}"#),
        JSONCase("n_object_equals_instead_of_colon", #"{"a"=1}"#),
        JSONCase("n_object_semicolon_separator", #"{"a":1;"b":2}"#),
        JSONCase("n_object_nested_trailing_comma", #"{"a":{"b":1,}}"#),
        JSONCase("n_object_key_invalid_utf8", "{\"", raw: [0xC0, 0x80], "\":1}"),
        // Strings: escapes and control characters
        JSONCase("n_string_1_surrogate_then_escape", #"["\uD800\"]"#),
        JSONCase("n_string_1_surrogate_then_escape_u", #"["\uD800\u"]"#),
        JSONCase("n_string_1_surrogate_then_escape_u1", #"["\uD800\u1"]"#),
        JSONCase("n_string_1_surrogate_then_escape_u1x", #"["\uD800\u1x"]"#),
        JSONCase("n_string_accentuated_char_no_quotes", "[\u{E9}]"),
        JSONCase("n_string_backslash_00", "[\"\\", raw: [0x00], "\"]"),
        JSONCase("n_string_escape_x", #"["\x00"]"#),
        JSONCase("n_string_escaped_backslash_bad", #"["\\\"]"#),
        JSONCase("n_string_escaped_ctrl_char_tab", "[\"\\\t\"]"),
        JSONCase("n_string_escaped_emoji", "[\"\\\u{1F300}\"]"),
        JSONCase("n_string_incomplete_escape", #"["\"]"#),
        JSONCase("n_string_incomplete_escaped_character", #"["\u00A"]"#),
        JSONCase("n_string_incomplete_surrogate", #"["\uD834\uDd"]"#),
        JSONCase("n_string_incomplete_surrogate_escape_invalid", #"["\uD800\uD800\x"]"#),
        JSONCase("n_string_invalid-utf-8-in-escape", "[\"\\u", raw: [0xE5], "\"]"),
        JSONCase("n_string_invalid_backslash_esc", #"["\a"]"#),
        JSONCase("n_string_invalid_unicode_escape", #"["\uqqqq"]"#),
        JSONCase("n_string_invalid_utf8_after_escape", "[\"\\", raw: [0xE5], "\"]"),
        JSONCase("n_string_leading_uescaped_thinspace", #"[\u0020"asd"]"#),
        JSONCase("n_string_no_quotes_with_bad_escape", #"[\n]"#),
        JSONCase("n_string_single_doublequote", "\""),
        JSONCase("n_string_single_quote", "['single quote']"),
        JSONCase("n_string_single_string_no_double_quotes", "abc"),
        JSONCase("n_string_start_escape_unclosed", "[\"\\"),
        JSONCase("n_string_unescaped_ctrl_char", "[\"a", raw: [0x00], "a\"]"),
        JSONCase("n_string_unescaped_ctrl_char_01", "[\"", raw: [0x01], "\"]"),
        JSONCase("n_string_unescaped_ctrl_char_1F", "[\"", raw: [0x1F], "\"]"),
        JSONCase("n_string_unescaped_newline", "[\"new\nline\"]"),
        JSONCase("n_string_unescaped_cr", "[\"a\rb\"]"),
        JSONCase("n_string_unescaped_tab", "[\"\t\"]"),
        JSONCase("n_string_unicode_CapitalU", #""\UA66D""#),
        JSONCase("n_string_with_trailing_garbage", #"""x"#),
        JSONCase("n_string_u_escape_braces", #"["\u{1F600}"]"#),
        JSONCase("n_string_unterminated_top", #""abc"#),
        // Strings: lone surrogates (i_ in the suite; rejected here)
        JSONCase("i_string_lone_high_surrogate_top", #""\ud800""#),
        JSONCase("i_string_lone_low_surrogate_top", #""\udc00""#),
        JSONCase("i_string_1st_surrogate_but_2nd_missing", #"["\uDADA"]"#),
        JSONCase("i_string_1st_valid_surrogate_2nd_invalid", #"["\uD888\u1234"]"#),
        JSONCase("i_string_incomplete_surrogate_and_escape_valid", #"["\uD800\n"]"#),
        JSONCase("i_string_incomplete_surrogate_pair", #"["\uDd1ea"]"#),
        JSONCase("i_string_incomplete_surrogates_escape_valid", #"["\uD800\uD800\n"]"#),
        JSONCase("i_string_invalid_lonely_surrogate", #"["\ud800"]"#),
        JSONCase("i_string_invalid_surrogate", #"["\ud800abc"]"#),
        JSONCase("i_string_inverted_surrogates_U+1D11E", #"["\uDd1e\uD834"]"#),
        JSONCase("i_string_lone_second_surrogate", #"["\uDFAA"]"#),
        JSONCase("i_string_lone_surrogate_as_key", #"{"\ud800":1}"#),
        JSONCase("i_string_high_surrogate_at_end_of_string", #"["abc\udbff"]"#),
        // Strings: invalid UTF-8
        JSONCase("i_string_UTF-8_invalid_sequence", "[\"", raw: [0xE6, 0x97, 0xA5, 0xD1, 0x88, 0xFA], "\"]"),
        JSONCase("i_string_UTF8_surrogate_U+D800", "[\"", raw: [0xED, 0xA0, 0x80], "\"]"),
        JSONCase("i_string_UTF8_surrogate_U+DFFF", "[\"", raw: [0xED, 0xBF, 0xBF], "\"]"),
        JSONCase("i_string_UTF8_surrogate_pair_encoded", "[\"", raw: [0xED, 0xA0, 0xBD, 0xED, 0xB8, 0x80], "\"]"),
        JSONCase("i_string_overlong_C0_80", "[\"", raw: [0xC0, 0x80], "\"]"),
        JSONCase("i_string_overlong_C0_AF", "[\"", raw: [0xC0, 0xAF], "\"]"),
        JSONCase("i_string_overlong_C1_BF", "[\"", raw: [0xC1, 0xBF], "\"]"),
        JSONCase("i_string_overlong_E0_80_80", "[\"", raw: [0xE0, 0x80, 0x80], "\"]"),
        JSONCase("i_string_overlong_E0_9F_BF", "[\"", raw: [0xE0, 0x9F, 0xBF], "\"]"),
        JSONCase("i_string_overlong_F0_80_80_80", "[\"", raw: [0xF0, 0x80, 0x80, 0x80], "\"]"),
        JSONCase("i_string_overlong_F0_8F_BF_BF", "[\"", raw: [0xF0, 0x8F, 0xBF, 0xBF], "\"]"),
        JSONCase("i_string_not_in_unicode_range_F4_90", "[\"", raw: [0xF4, 0x90, 0x80, 0x80], "\"]"),
        JSONCase("i_string_F5_lead", "[\"", raw: [0xF5, 0x80, 0x80, 0x80], "\"]"),
        JSONCase("i_string_F7_lead", "[\"", raw: [0xF7, 0xBF, 0xBF, 0xBF], "\"]"),
        JSONCase("i_string_F8_five_byte", "[\"", raw: [0xF8, 0x88, 0x80, 0x80, 0x80], "\"]"),
        JSONCase("i_string_FC_six_byte", "[\"", raw: [0xFC, 0x84, 0x80, 0x80, 0x80, 0x80], "\"]"),
        JSONCase("i_string_invalid_utf-8_FE", "[\"", raw: [0xFE], "\"]"),
        JSONCase("i_string_invalid_utf-8_FF", "[\"", raw: [0xFF], "\"]"),
        JSONCase("i_string_lone_continuation_80", "[\"", raw: [0x80], "\"]"),
        JSONCase("i_string_lone_continuation_BF", "[\"", raw: [0xBF], "\"]"),
        JSONCase("i_string_lone_utf8_continuation_byte", "[\"", raw: [0x81], "\"]"),
        JSONCase("i_string_truncated_C3", "[\"", raw: [0xC3], "\"]"),
        JSONCase("i_string_truncated_E2_82", "[\"", raw: [0xE2, 0x82], "\"]"),
        JSONCase("i_string_truncated_F0_9F_98", "[\"", raw: [0xF0, 0x9F, 0x98], "\"]"),
        JSONCase("i_string_truncated_at_eof", "[\"", raw: [0xF0, 0x9F]),
        JSONCase("i_string_2_byte_lead_then_ascii", "[\"", raw: [0xC3, 0x41], "\"]"),
        JSONCase("i_string_3_byte_lead_then_ascii", "[\"", raw: [0xE2, 0x41, 0x41], "\"]"),
        JSONCase("i_string_iso_latin_1", "[\"", raw: [0xE9], "\"]"),
        JSONCase("i_string_UTF-16LE_with_BOM", bytes: [0xFF, 0xFE, 0x5B, 0x00, 0x22, 0x00, 0xE9, 0x00, 0x22, 0x00, 0x5D, 0x00]),
        JSONCase("i_string_utf16BE_no_BOM", bytes: [0x00, 0x5B, 0x00, 0x22, 0x00, 0xE9, 0x00, 0x22, 0x00, 0x5D]),
        // Structure
        JSONCase("n_structure_U+2060_word_joined", "[\u{2060}]"),
        JSONCase("i_structure_UTF-8_BOM_empty_object", "", raw: [0xEF, 0xBB, 0xBF], "{}"),
        JSONCase("n_structure_UTF8_BOM_no_data", bytes: [0xEF, 0xBB, 0xBF]),
        JSONCase("n_structure_angle_bracket_.", "<.>"),
        JSONCase("n_structure_angle_bracket_null", "[<null>]"),
        JSONCase("n_structure_array_trailing_garbage", "[1]x"),
        JSONCase("n_structure_array_with_extra_array_close", "[1]]"),
        JSONCase("n_structure_array_with_unclosed_string", #"["asd]"#),
        JSONCase("n_structure_ascii-unicode-identifier", "a\u{E5}"),
        JSONCase("n_structure_close_unopened_array", "1]"),
        JSONCase("n_structure_comma_instead_of_closing_brace", #"{"x": true,"#),
        JSONCase("n_structure_double_array", "[][]"),
        JSONCase("n_structure_end_array", "]"),
        JSONCase("n_structure_incomplete_UTF8_BOM", "", raw: [0xEF, 0xBB], "{}"),
        JSONCase("n_structure_lone-invalid-utf-8", bytes: [0xE5]),
        JSONCase("n_structure_lone-open-bracket", "["),
        JSONCase("n_structure_no_data", ""),
        JSONCase("n_structure_only_whitespace", " \t\r\n "),
        JSONCase("n_structure_null-byte-outside-string", "[", raw: [0x00], "]"),
        JSONCase("n_structure_number_with_trailing_garbage", "2@"),
        JSONCase("n_structure_object_followed_by_closing_object", "{}}"),
        JSONCase("n_structure_object_unclosed_no_value", #"{"":"#),
        JSONCase("n_structure_object_with_trailing_garbage", #"{"a": true} "x""#),
        JSONCase("n_structure_object_x", "{}x"),
        JSONCase("n_structure_object_object", "{}{}"),
        JSONCase("n_structure_open_array_apostrophe", "['"),
        JSONCase("n_structure_open_array_comma", "[,"),
        JSONCase("n_structure_open_array_open_object", "[{"),
        JSONCase("n_structure_open_array_open_string", #"["a"#),
        JSONCase("n_structure_open_array_string", #"["a""#),
        JSONCase("n_structure_open_object", "{"),
        JSONCase("n_structure_open_object_close_array", "{]"),
        JSONCase("n_structure_open_object_comma", "{,"),
        JSONCase("n_structure_open_object_open_array", "{["),
        JSONCase("n_structure_open_object_open_string", #"{"a"#),
        JSONCase("n_structure_open_object_string_with_apostrophes", "{'a'"),
        JSONCase("n_structure_single_eacute", bytes: [0xE9]),
        JSONCase("n_structure_single_star", "*"),
        JSONCase("n_structure_trailing_#", #"{"a":"b"}#{}"#),
        JSONCase("n_structure_uescaped_LF_before_string", #"[\u000A""]"#),
        JSONCase("n_structure_unclosed_array", "[1"),
        JSONCase("n_structure_unclosed_array_partial_null", "[ false, nul"),
        JSONCase("n_structure_unclosed_array_unfinished_false", "[ true, fals"),
        JSONCase("n_structure_unclosed_array_unfinished_true", "[ false, tru"),
        JSONCase("n_structure_unclosed_object", #"{"asd":"asd""#),
        JSONCase("n_structure_unicode-identifier", "\u{E5}"),
        JSONCase("n_structure_whitespace_formfeed", "[\u{0C}]"),
        JSONCase("n_structure_whitespace_nbsp", "[\u{A0}1]"),
        JSONCase("n_structure_whitespace_vertical_tab", "[\u{0B}1]"),
        JSONCase("n_structure_whitespace_ideographic_space", "[\u{3000}1]"),
        JSONCase("n_structure_comment_block_leading", "/* c */ {}"),
        JSONCase("n_structure_comment_line_trailing", "{} // c"),
        JSONCase("n_structure_comment_in_array", "[1 /* c */]"),
        JSONCase("n_structure_comment_hash", "# c\n{}"),
        JSONCase("n_structure_bare_word", "hello"),
        JSONCase("n_structure_undefined", "undefined"),
        JSONCase("n_structure_array_of_bare_words", "[undefined, nil, None]"),
        JSONCase("n_structure_two_numbers", "1 2"),
        JSONCase("n_structure_two_strings", #""a" "b""#),
        JSONCase("n_structure_two_literals", "true false"),
        JSONCase("n_structure_two_arrays_comma", "[],[]"),
        JSONCase("n_structure_close_unopened_object", "}"),
        JSONCase("n_structure_mismatched_close", "[}"),
        JSONCase("n_structure_mismatched_close_object", #"{"a":1]"#),
    ]
}

@Suite("JSONTestSuite-style corpus")
struct CorpusTests {
    @Test("y_ documents are accepted (tree and cursor)", arguments: Corpus.accepted)
    func accepted(_ c: JSONCase) throws {
        let value = try JSON.parse(c.bytes)
        try skipValidate(c.bytes)
        // What the writer emits for it is itself accepted and reads back identically.
        let written = JSON.bytes(value)
        let again = try JSON.parse(written)
        #expect(identical(again, value), "round trip of \(c.name): \(JSON.string(value))")
        #expect(!written.contains(0x0A))
    }

    @Test("n_ documents are rejected by the tree parser", arguments: Corpus.rejected)
    func rejectedByParse(_ c: JSONCase) {
        let error = parseError(bytes: c.bytes)
        #expect(error != nil, "\(c.name) was accepted")
        if let error {
            #expect(error.offset >= 0 && error.offset <= c.bytes.count)
            #expect(error.line >= 1 && error.column >= 1)
            #expect(!error.message.isEmpty)
        }
    }

    @Test("n_ documents are rejected by skipValue", arguments: Corpus.rejected)
    func rejectedBySkip(_ c: JSONCase) {
        #expect(throws: JSONParseError.self, "\(c.name) was accepted by skipValue") { try skipValidate(c.bytes) }
    }

    @Test func corpusIsLargeAndNamesAreUnique() {
        #expect(Corpus.accepted.count + Corpus.rejected.count >= 150)
        let names = (Corpus.accepted + Corpus.rejected).map(\.name)
        #expect(Set(names).count == names.count)
        #expect(Corpus.accepted.allSatisfy { !$0.name.hasPrefix("n_") })
        #expect(Corpus.rejected.allSatisfy { !$0.name.hasPrefix("y_") })
    }
}

@Suite("Nesting depth")
struct DepthTests {
    static func nestedArrays(_ depth: Int) -> String {
        String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
    }

    static func nestedObjects(_ depth: Int) -> String {
        String(repeating: #"{"a":"#, count: depth - 1) + "{}" + String(repeating: "}", count: depth - 1)
    }

    @Test func arraysOf512LevelsAreAccepted() throws {
        let text = Self.nestedArrays(512)
        var value = try parse(text)
        var levels = 1
        while case let .array(inner) = value, let first = inner.first {
            value = first
            levels += 1
        }
        #expect(levels == 512)
        try skipValidate(Array(text.utf8))
        #expect(JSON.string(try parse(text)) == text)
    }

    @Test func arraysOf513LevelsAreRejected() {
        let text = Self.nestedArrays(513)
        let error = parseError(text)
        #expect(error != nil)
        #expect(error?.offset == 512)
        #expect(error?.column == 513)
        #expect(error?.message.contains("nesting") == true)
        #expect(throws: JSONParseError.self) { try skipValidate(Array(text.utf8)) }
    }

    @Test func objectsOf512LevelsAreAcceptedAnd513Rejected() throws {
        _ = try parse(Self.nestedObjects(512))
        try skipValidate(Array(Self.nestedObjects(512).utf8))
        #expect(parseError(Self.nestedObjects(513)) != nil)
        #expect(throws: JSONParseError.self) { try skipValidate(Array(Self.nestedObjects(513).utf8)) }
    }

    @Test func mixedNestingCountsBothKinds() throws {
        // 256 arrays each holding an object: 512 levels in total.
        let ok = String(repeating: #"[{"k":"#, count: 256) + "0" + String(repeating: "}]", count: 256)
        _ = try parse(ok)
        let tooDeep = String(repeating: #"[{"k":"#, count: 256) + "[]" + String(repeating: "}]", count: 256)
        #expect(parseError(tooDeep) != nil)
    }

    @Test func scalarsInsideTheDeepestLevelAreFine() throws {
        let text = String(repeating: "[", count: 512) + #"1,"x",null,{}"# + String(repeating: "]", count: 512)
        // The `{}` would be level 513.
        #expect(parseError(text) != nil)
        let scalarsOnly = String(repeating: "[", count: 512) + #"1,"x",null"# + String(repeating: "]", count: 512)
        _ = try parse(scalarsOnly)
    }

    @Test func hundredThousandOpenBracketsAreRejectedWithoutCrashing() {
        let open = String(repeating: "[", count: 100_000)
        #expect(parseError(open) != nil)
        #expect(throws: JSONParseError.self) { try skipValidate(Array(open.utf8)) }
        let balanced = open + String(repeating: "]", count: 100_000)
        #expect(parseError(balanced) != nil)
        let objects = String(repeating: #"{"a":"#, count: 100_000)
        #expect(parseError(objects) != nil)
    }

    @Test func customMaxDepth() throws {
        _ = try JSON.parse("[[1]]", maxDepth: 2)
        #expect(throws: JSONParseError.self) { try JSON.parse("[[[1]]]", maxDepth: 2) }
        #expect(throws: JSONParseError.self) { try JSON.parse("[]", maxDepth: 0) }
        _ = try JSON.parse("1", maxDepth: 0)
        #expect(throws: JSONParseError.self) { try skipValidate(Array("[[[1]]]".utf8), maxDepth: 2) }
    }
}
