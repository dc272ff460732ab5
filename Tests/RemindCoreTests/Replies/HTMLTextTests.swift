import Testing
@testable import RemindCore

/// HTML replies reduced to text, with the quote shapes of the common clients cut first.
@Suite struct HTMLTextTests {
    static func text(_ html: String) -> String { HTMLText.reduce(html) }

    @Test func tagsGoBlocksAndBreaksMakeLines() {
        #expect(Self.text("<p>klaar</p><p>Groet,<br>Jan</p>") == "klaar\nGroet,\nJan\n")
        #expect(Self.text("<div>a</div><div>b</div>") == "a\nb\n")
        #expect(Self.text("<b>klaar</b>, <i>zie</i> <a href='x'>bijlage</a>") == "klaar, zie bijlage")
        #expect(Self.text("a<br><br>b") == "a\n\nb")
        #expect(Self.text("<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>") == "a b\nc\n")
        #expect(Self.text("x  \n\t y") == "x y")
        #expect(Self.text("<pre>a\n  b</pre>") == "a\n  b\n")
    }

    @Test func scriptStyleTitleAndCommentsAreDropped() {
        #expect(Self.text("<head><title>klaar</title><style>p{x:1}</style></head><body>uitstel</body>") == "uitstel\n")
        #expect(Self.text("<script>document.write('klaar')</script>heropen") == "heropen")
        #expect(Self.text("<!-- klaar -->gedaan<!--[if mso]><xml>x</xml><![endif]-->") == "gedaan")
        #expect(Self.text("<SCRIPT type=text/javascript>a<b</SCRIPT >c") == "c")
    }

    @Test func entities() {
        #expect(Self.text("Andr&eacute; &amp; co &lt;x&gt; &quot;q&quot; &#39;s &#8211; &#x20AC; &euro;") == "André & co <x> \"q\" 's – € €")
        #expect(Self.text("&#150;&#0;&#x110000;") == "–\u{FFFD}\u{FFFD}")
        #expect(Self.text("&bogus; & &amp") == "&bogus; & &")
        #expect(Self.text("a&nbsp;&nbsp;b") == "a  b")
        // White space and controls written as references break no line.
        #expect(Self.text("klaar&#13;&#10;&#10;> x") == "klaar > x")
        #expect(Self.text("a&#1;&#x7f;b") == "a\u{FFFD}\u{FFFD}b")
    }

    @Test func quotesLeaveOneQuotedLine() {
        #expect(Self.text("klaar<blockquote type=\"cite\">Herinnering <div>x</div> klaar</blockquote>") == "klaar\n>\n")
        #expect(Self.text("<div>gedaan</div><div class=\"gmail_quote\"><div class=\"gmail_attr\">Op za schreef:</div><blockquote>oud</blockquote></div>")
                == "gedaan\n>\n")
        // Nested quotes end where the outer one ends.
        #expect(Self.text("<blockquote>a<blockquote>b</blockquote>c</blockquote>na") == ">\nna")
        // An inline answer below a quote stays.
        #expect(QuotedText.cut(Self.text("<div>Op 7 okt. schreef Remindd:</div><blockquote type=cite>vraag</blockquote><div>uitstel 2 dagen</div>"))
                == "uitstel 2 dagen")
    }

    @Test func outlookHeadersEndTheReply() {
        #expect(Self.text("klaar<div id=\"appendonsend\"></div><hr><div id=\"divRplyFwdMsg\">From: x</div>oud") == "klaar\n")
        #expect(Self.text("klaar<div id=x_divRplyFwdMsg>From:</div>oud") == "klaar\n")
        #expect(Self.text("<p>klaar</p><div style='border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm'><p><b>Van:</b> x</p></div><p>oud</p>")
                == "klaar\n")
        #expect(Self.text("<div style=\"border-top: 1px dotted\">blijft</div>") == "blijft\n")
    }

    @Test func brokenMarkupNeverStallsOrLoopsBack() {
        #expect(Self.text("a < b and c<3") == "a < b and c<3")
        #expect(Self.text("klaar<div class=\"x") == "klaar")
        #expect(Self.text("klaar<!-- never closed") == "klaar")
        #expect(Self.text("<script>never closed") == "never closed")
        #expect(Self.text("<blockquote>never closed") == ">\n")
        // Many unclosed raw-text elements: each looked for once.
        let many = String(repeating: "<script>", count: 20_000) + "klaar"
        #expect(Self.text(many) == "klaar")
    }
}
