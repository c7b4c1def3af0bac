using System.Text;
using ActorPods.Api.Serialization;
using ActorPods.Api.Tests.Examples;

namespace ActorPods.Api.Tests.Serialization;

/// <summary>
/// The fast reader must build exactly YamlDotNet's tree (nodes, lines, columns) for what it takes, and leave
/// everything else to YamlDotNet: each case is read both ways and compared.
/// </summary>
public class PlainYamlReaderTests
{
    public static TheoryData<string> Examples() =>
        [.. Directory.GetFiles(RepoPaths.Examples).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Examples))]
    public void Every_example_reads_the_same_with_and_without_the_fast_reader(string name)
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.Examples, name));
        AssertSameAsYamlDotNet(text);
    }

    [Fact]
    public void The_fast_reader_takes_ordinary_pods()
    {
        var pod = PodYaml(7);
        Assert.NotNull(PlainYamlReader.TryRead(pod, 0));
        AssertSameAsYamlDotNet(pod);
    }

    [Theory]
    [InlineData("a: 1\nb: [x, 'y', \"z\"]\nc: {d: e, f: {g: h}}\n")]
    [InlineData("list:\n- a\n- b: c\n  d: e\n-   f: g\n    h: [i]\nnext: 1\n")]
    [InlineData("nested:\n    deep:\n        - x # comment\n        -  y\n# between\n  # odd comment\nz: 'it''s'\n")]
    [InlineData("k: v # c\n\n\nk2: \"q #x\"\nk3: a#b\nk4: http://x:80/y\nk5: -c\nk6: a, b\n")]
    [InlineData("k6: - x\n")]
    [InlineData("a: yes\nb: 0777\nc: 1e3\nd: ~\ne: null\nf: 0x1F\ng: 1_000\nh: .5\ni: -12\nj: +3\nk: 12345678901234567890\n")]
    [InlineData("a: 1\na: 2\n")]
    [InlineData("a: &x 1\nb: *x\n")]
    [InlineData("base: {a: 1}\nm:\n  <<: {b: 2}\n  c: 3\n")]
    [InlineData("a:\n  b: 1\n c: 2\n")]
    [InlineData("a: b: c\n")]
    [InlineData("a: |\n  text\n")]
    [InlineData("a: plain\n  continued\n")]
    [InlineData("a:\nb: 1\n")]
    [InlineData("- a\n- b\n")]
    [InlineData("a: [x,\n  y]\n")]
    [InlineData("a: {x: 1,}\n")]
    [InlineData("a: \"esc\\n\"\n")]
    [InlineData("a:\n  - x\n  y: 1\n")]
    [InlineData("a: 1\n  b: 2\n")]
    [InlineData("  a: 1\n  b: {c: [d, {e: f}]}\n")]
    [InlineData("a: 'x'y\n")]
    [InlineData("a:\tb\n")]
    [InlineData("a: b\r\nc: d\n")]
    [InlineData("名: x\n")]
    [InlineData("a: x # 注释\n# 注释\nb: {c: d} # 注\n")]
    [InlineData("b: {c: '#注'}\n")]
    [InlineData("a: {b: c}d\n")]
    [InlineData("a: [b, c]]\n")]
    [InlineData("? a\n: b\n")]
    [InlineData("a: !!str 1\n")]
    [InlineData("a: -\n")]
    [InlineData("a:\n-\n  b: 1\n")]
    [InlineData("a: x:\n")]
    [InlineData("a: [a:b]\n")]
    [InlineData("a: {a: b:c}\n")]
    [InlineData("\"q\": 1\n'r': 2\n")]
    [InlineData("a : 1\n")]
    [InlineData("x: 1\n---\ny: 2\n...\n")]
    [InlineData("%YAML 1.1\n---\na: 1\n")]
    public void Snippets_read_the_same_with_and_without_the_fast_reader(string text) => AssertSameAsYamlDotNet(text);

    [Fact]
    public void A_stream_of_pods_reads_the_same_and_all_of_it_fast()
    {
        var sb = new StringBuilder();
        for (var i = 0; i < 20; i++) sb.Append("---\n").Append(PodYaml(i));
        AssertSameAsYamlDotNet(sb.ToString());
    }

    /// <summary>
    /// Small edits of a pod (a character inserted, removed or replaced by one that matters to YAML) must still read
    /// the same both ways: the fast reader either builds YamlDotNet's tree or leaves the document to it.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Edited_pods_read_the_same_with_and_without_the_fast_reader(int seed)
    {
        const string alphabet = " :-#{}[],'\"\nab1.~&*!|>?%@`";
        var random = new Random(seed); // seeded: the same edits on every run
        var pod = PodYaml(seed);
        for (var i = 0; i < 400; i++)
        {
            var text = new StringBuilder(pod);
            for (var edits = random.Next(1, 4); edits > 0; edits--)
            {
                var at = random.Next(text.Length);
                var c = alphabet[random.Next(alphabet.Length)];
                switch (random.Next(3))
                {
                    case 0: text.Insert(at, c); break;
                    case 1: text.Remove(at, 1); break;
                    default: text[at] = c; break;
                }
            }
            AssertSameAsYamlDotNet(text.ToString());
        }
    }

    private static void AssertSameAsYamlDotNet(string text)
    {
        var slowErrors = new List<ManifestError>();
        var fastErrors = new List<ManifestError>();
        var slow = Read(text, slowErrors, plain: false);
        var fast = Read(text, fastErrors, plain: true);
        Assert.Equal(slowErrors.Select(e => e.ToString()), fastErrors.Select(e => e.ToString()));
        Assert.Equal(slow.Count, fast.Count);
        for (var i = 0; i < slow.Count; i++)
        {
            Assert.Equal(slow[i].Index, fast[i].Index);
            Assert.Equal(slow[i].Broken, fast[i].Broken);
            Assert.Equal(slow[i].FirstLine, fast[i].FirstLine);
            Assert.Equal(Dump(slow[i].Root), Dump(fast[i].Root));
        }
    }

    private static List<YamlDocumentText> Read(string text, List<ManifestError> errors, bool plain)
    {
        try
        {
            return YamlTreeReader.Read(text, "t.yaml", rejectDuplicateKeys: true, errors, plain);
        }
        catch (Exception ex)
        {
            errors.Add(new ManifestError("t.yaml", 0, 0, null, ex.GetType().Name, null));
            return [];
        }
    }

    private static string Dump(YNode? node)
    {
        var sb = new StringBuilder();
        Dump(node, sb, 0);
        return sb.ToString();
    }

    private static void Dump(YNode? node, StringBuilder sb, int depth)
    {
        sb.Append(' ', depth * 2);
        switch (node)
        {
            case null: sb.Append("(none)\n"); break;
            case YScalar s: sb.Append($"scalar {s.Line}:{s.Column} {s.Kind} raw=[{s.Raw}] text=[{s.Text}]\n"); break;
            case YSequence q:
                sb.Append($"seq {q.Line}:{q.Column}\n");
                foreach (var item in q.Items) Dump(item, sb, depth + 1);
                break;
            case YMapping m:
                sb.Append($"map {m.Line}:{m.Column}\n");
                foreach (var (key, value) in m.Entries)
                {
                    Dump(key, sb, depth + 1);
                    Dump(value, sb, depth + 2);
                }
                break;
        }
    }

    private static string PodYaml(int i) => $$$"""
        apiVersion: v1
        kind: Pod
        metadata:
          name: web-{{{i}}}
          namespace: default
          labels: {app: web, shard: "s{{{i % 16}}}"}
        spec:
          restartPolicy: Always
          containers:
          - name: app
            image: nginx:1.17.1
            ports:
            - {name: http, containerPort: 80}
            env:
            - {name: MODE, value: production}
            - name: POD_IP
              valueFrom: {fieldRef: {fieldPath: status.podIP}}
            resources:
              requests: {cpu: 100m, memory: 64Mi}
              limits: {cpu: 500m, memory: 128Mi}
            livenessProbe:
              httpGet: {path: /healthz, port: http}
              initialDelaySeconds: 5
              periodSeconds: 10
            readinessProbe:
              exec: {command: [cat, /tmp/healthy]}
            volumeMounts:
            - {name: cache, mountPath: /cache}
          - name: sidecar
            image: busybox:1.30
            command: ['sh', '-c', 'while true; do echo tick; sleep 5; done']
          volumes:
          - name: cache
            emptyDir: {}

        """;
}
