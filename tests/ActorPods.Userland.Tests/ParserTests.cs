using ActorPods.Userland.Shell;

namespace ActorPods.Userland.Tests;

public class ParserTests
{
    [Fact]
    public void Parses_lists_and_or_pipelines_and_background()
    {
        var list = Assert.IsType<CommandList>(Parser.ParseScript("a && b || c; d | e & f"));
        Assert.Equal(3, list.Items.Length);
        var ao = Assert.IsType<AndOr>(list.Items[0].Command);
        Assert.False(ao.IsAnd);
        Assert.True(Assert.IsType<AndOr>(ao.Left).IsAnd);
        Assert.True(list.Items[1].Background);
        Assert.Equal(2, Assert.IsType<Pipeline>(list.Items[1].Command).Commands.Length);
    }

    [Fact]
    public void Words_keep_quoting_information()
    {
        var cmd = Assert.IsType<SimpleCommand>(Parser.ParseScript("echo 'a b' \"$X-y\" z\\ w *.txt"));
        Assert.Equal(5, cmd.Words.Length);
        Assert.Equal("a b", cmd.Words[1].Literal);
        var dq = cmd.Words[2].Parts;
        Assert.True(Assert.IsType<ParamPart>(dq[0]).Quoted);
        Assert.Equal("-y", Assert.IsType<LiteralPart>(dq[1]).Text);
        Assert.Equal("z w", cmd.Words[3].Literal);
        Assert.Null(cmd.Words[4].Literal); // a glob is not a plain literal
    }

    [Fact]
    public void Command_substitution_nests_and_handles_parentheses_in_quotes()
    {
        var cmd = Assert.IsType<SimpleCommand>(Parser.ParseScript("echo $(echo \")\" $(date +%s))"));
        var subst = Assert.IsType<CommandSubstPart>(cmd.Words[1].Parts[0]);
        var inner = Assert.IsType<SimpleCommand>(subst.Body);
        Assert.Equal(3, inner.Words.Length);
    }

    [Fact]
    public void Assignments_redirections_and_io_numbers()
    {
        var cmd = Assert.IsType<SimpleCommand>(Parser.ParseScript("A=1 B=\"x y\" cmd arg 2>&1 >>/tmp/f <in"));
        Assert.Equal(new[] { "A", "B" }, cmd.Assignments.Select(a => a.Name));
        Assert.Equal(2, cmd.Words.Length);
        Assert.Equal(new[] { (2, RedirKind.DupOut), (1, RedirKind.Append), (0, RedirKind.In) },
            cmd.Redirects.Select(r => (r.Fd, r.Kind)));
    }

    [Fact]
    public void Reserved_words_only_count_unquoted_in_command_position()
    {
        Assert.IsType<IfNode>(Parser.ParseScript("if true; then echo if; fi"));
        var quoted = Assert.IsType<SimpleCommand>(Parser.ParseScript("\"if\" x"));
        Assert.Equal("if", quoted.Words[0].Literal);
        Assert.IsType<SimpleCommand>(Parser.ParseScript("echo then else fi"));
    }

    [Fact]
    public void Compound_commands_and_functions()
    {
        Assert.IsType<LoopNode>(Parser.ParseScript("while true\ndo\n  echo x # comment\ndone"));
        Assert.IsType<ForNode>(Parser.ParseScript("for i in 1 2; do echo $i; done"));
        var c = Assert.IsType<CaseNode>(Parser.ParseScript("case $x in\n a|b) echo ab;;\n (*) echo other\nesac"));
        Assert.Equal(2, c.Items.Length);
        Assert.Equal(2, c.Items[0].Patterns.Length);
        var f = Assert.IsType<FunctionDef>(Parser.ParseScript("log() { echo \"$(date +%s) $1\"; }"));
        Assert.Equal("log", f.Name);
        Assert.IsType<GroupNode>(f.Body);
    }

    [Theory]
    [InlineData("if true; then echo x", "syntax error: unexpected end of file (expecting \"fi\")")]
    [InlineData("echo 'open", "syntax error: unterminated quoted string")]
    [InlineData("do echo", "syntax error: unexpected \"do\"")]
    [InlineData("echo $(ls", "syntax error: unterminated $(...)")]
    [InlineData("[[ -f x ]]", "unsupported: [[ ... ]] (bash conditional; use [ ... ])")]
    [InlineData("| x", "syntax error: unexpected \"|\"")]
    public void Syntax_errors_name_the_problem(string script, string message)
    {
        var e = Assert.Throws<ShellSyntaxException>(() => Parser.ParseScript(script));
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void Glob_matching()
    {
        Assert.True(Glob.Match("*.txt", "a.txt"));
        Assert.False(Glob.Match("*.txt", "a.log"));
        Assert.True(Glob.Match("a?c", "abc"));
        Assert.True(Glob.Match("[a-c]x", "bx"));
        Assert.False(Glob.Match("[!a-c]x", "bx"));
        Assert.True(Glob.Match("\\*", "*"));
        Assert.False(Glob.Match("\\*", "a"));
    }

    [Theory]
    [InlineData("*.txt", true)]
    [InlineData("a?c", true)]
    [InlineData("[a-c]x", true)]
    [InlineData("x[]]", true)]
    [InlineData("\\[", true)]
    [InlineData("[", false)]
    [InlineData("]", false)]
    [InlineData("a[b", false)]
    [InlineData("[!]", false)]
    [InlineData("plain", false)]
    public void A_word_is_a_pattern_only_with_something_that_matches_more_than_itself(string word, bool pattern)
    {
        Assert.Equal(pattern, Glob.HasMeta(word));
        // A word that is no pattern matches exactly itself.
        if (!pattern) Assert.True(Glob.Match(word, word));
    }

    [Fact]
    public void A_lone_bracket_stays_a_word_or_names_the_one_file_it_spells()
    {
        var s = new Sandbox();
        var (c, _) = s.Start("busybox", "sleep", "infinity");
        ExecResult? r = null;
        c.Exec(["sh", "-c", "cd /tmp && echo [ a[b && touch '[' 'a[b' && echo [ a[b x[ && [ a = a ] && echo same"], null, x => r = x);
        s.Host.RunUntilIdle(TimeSpan.FromHours(1));
        Assert.Equal("[ a[b\n[ a[b x[\nsame\n", r!.Output);
    }
}
