// ccmflow drives QingLocal with the Go SDK the way the QingCloud cloud-controller-manager's
// executor does for one Service of type LoadBalancer (its pkg/executor calls, same inputs and
// waits): the default security group, an allocated EIP, the load balancer, tcp/udp/https
// listeners, node backends without weight, UpdateLoadBalancers, a second sync that must keep every
// listener, a node change, and the delete path (DeleteLoadBalancers retried on 1400, 2100 meaning
// gone, ReleaseEIPs retried on 1400). Not run by CI (it needs Go and the SDK's sources); how to
// build and run it: docs/real-clients.md, "Load balancers (issue 18)".
// Usage: ccmflow <host> <port> <access key> <secret> <zone> <cert.pem> <key.pem>
package main

import (
	"fmt"
	"io/ioutil"
	"os"
	"strings"
	"time"

	"github.com/yunify/qingcloud-sdk-go/client"
	"github.com/yunify/qingcloud-sdk-go/config"
	qc "github.com/yunify/qingcloud-sdk-go/service"
)

const wait, every = 180 * time.Second, 1 * time.Second

func must(what string, err error) {
	if err != nil {
		fmt.Printf("FAIL %s: %v\n", what, err)
		os.Exit(1)
	}
	fmt.Printf("ok   %s\n", what)
}

func check(what string, cond bool, detail ...interface{}) {
	if !cond {
		fmt.Printf("FAIL %s %v\n", what, detail)
		os.Exit(1)
	}
	fmt.Printf("ok   %s\n", what)
}

func main() {
	host, portArg, key, secret, zone := os.Args[1], os.Args[2], os.Args[3], os.Args[4], os.Args[5]
	certPem, _ := ioutil.ReadFile(os.Args[6])
	keyPem, _ := ioutil.ReadFile(os.Args[7])
	cfg, _ := config.New(key, secret)
	cfg.Host, cfg.Protocol, cfg.URI = host, "http", "/iaas"
	fmt.Sscanf(portArg, "%d", &cfg.Port)
	svc, err := qc.Init(cfg)
	must("init", err)
	aks, _ := svc.Accesskey(zone)
	lbs, _ := svc.LoadBalancer(zone)
	eips, _ := svc.EIP(zone)
	jobs, _ := svc.Job(zone)
	sgs, _ := svc.SecurityGroup(zone)
	tags, _ := svc.Tag(zone)
	ins, _ := svc.Instance(zone)

	// startup: the owner, a tag (the cluster's), the default security group
	ak, err := aks.DescribeAccessKeys(&qc.DescribeAccessKeysInput{AccessKeys: []*string{&key}})
	must("DescribeAccessKeys", err)
	owner := *ak.AccessKeySet[0].Owner
	tag, err := tags.CreateTag(&qc.CreateTagInput{TagName: qc.String("k8s-cluster")})
	must("CreateTag", err)
	attach := func(id *string, typ string) {
		_, err := tags.AttachTags(&qc.AttachTagsInput{ResourceTagPairs: []*qc.ResourceTagPair{{ResourceID: id, TagID: tag.TagID, ResourceType: qc.String(typ)}}})
		must("AttachTags "+typ, err)
	}
	found, err := sgs.DescribeSecurityGroups(&qc.DescribeSecurityGroupsInput{SearchWord: qc.String("k8s_lb_default_sg"), Owner: &owner})
	must("DescribeSecurityGroups k8s_lb_default_sg", err)
	check("no default LB group yet", len(found.SecurityGroupSet) == 0)
	sg, err := sgs.CreateSecurityGroup(&qc.CreateSecurityGroupInput{SecurityGroupName: qc.String("k8s_lb_default_sg")})
	must("CreateSecurityGroup", err)
	attach(sg.SecurityGroupID, "security_group")
	_, err = sgs.AddSecurityGroupRules(&qc.AddSecurityGroupRulesInput{SecurityGroup: sg.SecurityGroupID, Rules: []*qc.SecurityGroupRule{
		{Priority: qc.Int(0), Protocol: qc.String("icmp"), Action: qc.String("accept"), Val1: qc.String("8"), Val2: qc.String("0")},
		{Priority: qc.Int(1), Protocol: qc.String("tcp"), Action: qc.String("accept"), Val1: qc.String("1"), Val2: qc.String("65535")},
		{Priority: qc.Int(1), Protocol: qc.String("udp"), Action: qc.String("accept"), Val1: qc.String("1"), Val2: qc.String("65535")},
	}})
	must("AddSecurityGroupRules", err)
	applied, err := sgs.ApplySecurityGroup(&qc.ApplySecurityGroupInput{SecurityGroup: sg.SecurityGroupID})
	must("ApplySecurityGroup", err)
	must("WaitJob ApplySecurityGroup", client.WaitJob(jobs, *applied.JobID, wait, every))

	// three nodes
	run, err := ins.RunInstances(&qc.RunInstancesInput{ImageID: qc.String("centos79x64"), InstanceType: qc.String("c1m1"), Count: qc.Int(3), LoginMode: qc.String("passwd"), LoginPasswd: qc.String("Passw0rd123")})
	must("RunInstances x3", err)
	must("WaitJob RunInstances", client.WaitJob(jobs, *run.JobID, wait, every))
	nodes := run.Instances

	// EIP: none free, so allocate one and wait until available
	free, err := eips.DescribeEIPs(&qc.DescribeEIPsInput{Owner: &owner, Status: []*string{qc.String("available")}})
	must("DescribeEIPs available", err)
	check("no free EIP yet", len(free.EIPSet) == 0)
	alloc, err := eips.AllocateEIPs(&qc.AllocateEIPsInput{Bandwidth: qc.Int(2), EIPName: qc.String("k8s_lb_allocate_eip"), BillingMode: qc.String("bandwidth"), Count: qc.Int(1), NeedICP: qc.Int(0)})
	must("AllocateEIPs", err)
	eipID := alloc.EIPs[0]
	for i := 0; ; i++ {
		got, err := eips.DescribeEIPs(&qc.DescribeEIPsInput{EIPs: []*string{eipID}})
		must("DescribeEIPs (wait available)", err)
		if *got.EIPSet[0].Status == "available" {
			break
		}
		check("EIP available in time", i < 60)
		time.Sleep(every)
	}
	attach(eipID, "eip")

	// the load balancer
	name := "k8s_lb_kubernetes_default_web_4f1c"
	created, err := lbs.CreateLoadBalancer(&qc.CreateLoadBalancerInput{EIPs: []*string{eipID}, LoadBalancerName: &name, LoadBalancerType: qc.Int(0), NodeCount: qc.Int(2), SecurityGroup: sg.SecurityGroupID, Mode: qc.Int(1)})
	must("CreateLoadBalancer", err)
	lbID := *created.LoadBalancerID
	lb, err := client.WaitLoadBalancerStatus(lbs, lbID, "active", wait, every)
	must("WaitLoadBalancerStatus active", err)
	attach(&lbID, "loadbalancer")
	var vips []string
	for _, ip := range lb.PrivateIPs {
		if strings.HasPrefix(*ip, "198.19") {
			break
		}
		vips = append(vips, *ip)
	}
	for _, e := range lb.Cluster {
		if *e.EIPID != "" {
			vips = append(vips, *e.EIPAddr)
		}
	}
	check("VIPs from private_ips and cluster", len(vips) >= 1 && len(lb.Cluster) == 1 && *lb.Cluster[0].EIPID == *eipID && *lb.Cluster[0].EIPName == "k8s_lb_allocate_eip", vips)

	// the certificate the https port's annotation names
	cert, err := lbs.CreateServerCertificate(&qc.CreateServerCertificateInput{ServerCertificateName: qc.String("web"), CertificateContent: qc.String(string(certPem)), PrivateKey: qc.String(string(keyPem))})
	must("CreateServerCertificate", err)

	// listeners: tcp 80 → 30080, udp 53 → 30053, https 443 (http backends) → 30443
	prefix := "listener_default_web_"
	type port struct {
		port, node int
		proto, backend, check string
		certs []*string
	}
	ports := []port{{80, 30080, "tcp", "tcp", "tcp", nil}, {53, 30053, "udp", "udp", "udp", nil}, {443, 30443, "https", "http", "tcp", []*string{cert.ServerCertificateID}}}
	var listeners []*qc.LoadBalancerListener
	for _, p := range ports {
		listeners = append(listeners, &qc.LoadBalancerListener{ListenerPort: qc.Int(p.port), ListenerProtocol: qc.String(p.proto), BackendProtocol: qc.String(p.backend), LoadBalancerListenerName: qc.String(prefix), HealthyCheckMethod: qc.String(p.check), HealthyCheckOption: qc.String("10|5|2|5"), BalanceMode: qc.String("roundrobin"), ServerCertificateID: p.certs, Timeout: qc.Int(50), Scene: qc.Int(0), Forwardfor: qc.Int(0), ListenerOption: qc.Int(0)})
	}
	added, err := lbs.AddLoadBalancerListeners(&qc.AddLoadBalancerListenersInput{LoadBalancer: &lbID, Listeners: listeners})
	must("AddLoadBalancerListeners tcp/udp/https", err)
	got, err := lbs.DescribeLoadBalancerListeners(&qc.DescribeLoadBalancerListenersInput{LoadBalancerListeners: added.LoadBalancerListeners, Verbose: qc.Int(1), Limit: qc.Int(100)})
	must("DescribeLoadBalancerListeners verbose=1", err)
	check("three listeners", len(got.LoadBalancerListenerSet) == 3)
	backendsFor := func(l *qc.LoadBalancerListener, p port, nodes []*string) {
		var bs []*qc.LoadBalancerBackend
		for _, n := range nodes {
			bs = append(bs, &qc.LoadBalancerBackend{LoadBalancerBackendName: n, ResourceID: n, Port: qc.Int(p.node)})
		}
		_, err := lbs.AddLoadBalancerBackends(&qc.AddLoadBalancerBackendsInput{LoadBalancerListener: l.LoadBalancerListenerID, Backends: bs})
		must(fmt.Sprintf("AddLoadBalancerBackends %d (no weight)", p.port), err)
	}
	portOf := func(l *qc.LoadBalancerListener) port {
		for _, p := range ports {
			if p.port == *l.ListenerPort {
				return p
			}
		}
		return port{}
	}
	for _, l := range got.LoadBalancerListenerSet {
		backendsFor(l, portOf(l), nodes[:2])
	}
	update := func(what string) {
		d, err := lbs.DescribeLoadBalancers(&qc.DescribeLoadBalancersInput{LoadBalancers: []*string{&lbID}, Verbose: qc.Int(2)})
		must("DescribeLoadBalancers verbose=2 ("+what+")", err)
		check("not applied before UpdateLoadBalancers ("+what+")", *d.LoadBalancerSet[0].IsApplied == 0)
		u, err := lbs.UpdateLoadBalancers(&qc.UpdateLoadBalancersInput{LoadBalancers: []*string{&lbID}})
		must("UpdateLoadBalancers ("+what+")", err)
		must("WaitJob UpdateLoadBalancers ("+what+")", client.WaitJob(jobs, *u.JobID, wait, every))
	}
	update("create")

	// second sync: find by name as the CCM does, every listener must be kept
	byName, err := lbs.DescribeLoadBalancers(&qc.DescribeLoadBalancersInput{Status: []*string{qc.String("pending"), qc.String("active"), qc.String("stopped")}, SearchWord: &name, Owner: &owner, Verbose: qc.Int(2)})
	must("DescribeLoadBalancers by name", err)
	check("found by exact name", len(byName.LoadBalancerSet) == 1 && *byName.LoadBalancerSet[0].LoadBalancerName == name && *byName.LoadBalancerSet[0].IsApplied == 1)
	var ids []*string
	for _, l := range byName.LoadBalancerSet[0].Listeners {
		if strings.HasPrefix(*l.LoadBalancerListenerName, prefix) {
			ids = append(ids, l.LoadBalancerListenerID)
		}
	}
	again, err := lbs.DescribeLoadBalancerListeners(&qc.DescribeLoadBalancerListenersInput{LoadBalancerListeners: ids, Verbose: qc.Int(1), Limit: qc.Int(100)})
	must("DescribeLoadBalancerListeners (sync)", err)
	for _, l := range again.LoadBalancerListenerSet {
		p := portOf(l)
		same := len(l.Backends) > 0 && *l.Backends[0].Port == p.node && *l.BalanceMode == "roundrobin" && *l.HealthyCheckOption == "10|5|2|5" && *l.HealthyCheckMethod == p.check && *l.ListenerProtocol == p.proto && *l.Timeout == 50 && *l.Scene == 0 && *l.Forwardfor == 0 && *l.ListenerOption == 0
		if p.proto == "https" {
			same = same && len(l.ServerCertificateID) == 1 && *l.ServerCertificateID[0] == *cert.ServerCertificateID
		}
		check(fmt.Sprintf("listener %d kept (settings echoed)", p.port), same)
	}

	// a node leaves, another joins
	for _, l := range again.LoadBalancerListenerSet {
		var gone []*string
		for _, b := range l.Backends {
			if strings.Contains(*b.LoadBalancerBackendName, *nodes[1]) {
				gone = append(gone, b.LoadBalancerBackendID)
			}
		}
		_, err := lbs.DeleteLoadBalancerBackends(&qc.DeleteLoadBalancerBackendsInput{LoadBalancerBackends: gone})
		must(fmt.Sprintf("DeleteLoadBalancerBackends %d", *l.ListenerPort), err)
		backendsFor(l, portOf(l), nodes[2:])
	}
	update("nodes changed")

	// delete: the listeners first when shared (not here), then the load balancer, then the EIP
	var job *string
	for i := 0; ; i++ {
		out, err := lbs.DeleteLoadBalancers(&qc.DeleteLoadBalancersInput{LoadBalancers: []*string{&lbID}})
		if err != nil && strings.Contains(err.Error(), "QingCloud Error: Code (1400)") && i < 60 {
			time.Sleep(every)
			continue
		}
		must("DeleteLoadBalancers", err)
		check("ret_code 0", *out.RetCode == 0)
		job = out.JobID
		break
	}
	must("WaitJob DeleteLoadBalancers", client.WaitJob(jobs, *job, wait, every))
	_, err = lbs.DeleteLoadBalancers(&qc.DeleteLoadBalancersInput{LoadBalancers: []*string{&lbID}})
	check("DeleteLoadBalancers again: Code (2100), already deleted", err != nil && strings.Contains(err.Error(), "QingCloud Error: Code (2100)"), err)
	for i := 0; ; i++ {
		out, err := eips.ReleaseEIPs(&qc.ReleaseEIPsInput{EIPs: []*string{eipID}})
		if err != nil && strings.Contains(err.Error(), "QingCloud Error: Code (1400)") && i < 60 {
			time.Sleep(every)
			continue
		}
		must("ReleaseEIPs", err)
		must("WaitJob ReleaseEIPs", client.WaitJob(jobs, *out.JobID, wait, every))
		break
	}
	after, err := lbs.DescribeLoadBalancers(&qc.DescribeLoadBalancersInput{LoadBalancers: []*string{&lbID}})
	must("DescribeLoadBalancers by id after delete", err)
	check("still describable, deleted", len(after.LoadBalancerSet) == 1 && *after.LoadBalancerSet[0].Status == "deleted" && *after.LoadBalancerSet[0].TransitionStatus == "")
	_, err = lbs.DeleteServerCertificates(&qc.DeleteServerCertificatesInput{ServerCertificates: []*string{cert.ServerCertificateID}})
	must("DeleteServerCertificates", err)
	term, err := ins.TerminateInstances(&qc.TerminateInstancesInput{Instances: nodes})
	must("TerminateInstances", err)
	must("WaitJob TerminateInstances", client.WaitJob(jobs, *term.JobID, wait, every))
	fmt.Println("PASS")
}
