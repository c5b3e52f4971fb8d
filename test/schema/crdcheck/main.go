// crdcheck validates Crossplane XRDs the way the Kubernetes API server validates the CRDs
// Crossplane generates from them: structural schema rules, defaults, list-map keys, printer
// columns, the scale subresource, and CEL compilation with its estimated-cost limits (a rule over
// an unbounded list is rejected here exactly as the API server would reject the CRD).
//
// Usage: crdcheck apis/*/definition.yaml   (prints "<file>: ok" or the errors; exit 1 on errors)
// Built and run by test/schema/crd-validation.test.ts.
package main

import (
	"context"
	"fmt"
	"os"

	"k8s.io/apiextensions-apiserver/pkg/apis/apiextensions"
	apiextv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	"k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/validation"
	"sigs.k8s.io/yaml"
)

type xrd struct {
	Spec struct {
		Group    string                                 `json:"group"`
		Names    apiextv1.CustomResourceDefinitionNames `json:"names"`
		Scope    string                                 `json:"scope"`
		Versions []struct {
			Name                     string                                    `json:"name"`
			Served                   bool                                      `json:"served"`
			AdditionalPrinterColumns []apiextv1.CustomResourceColumnDefinition `json:"additionalPrinterColumns"`
			Subresources             *apiextv1.CustomResourceSubresources      `json:"subresources"`
			Schema                   *apiextv1.CustomResourceValidation        `json:"schema"`
		} `json:"versions"`
	} `json:"spec"`
}

func main() {
	failed := false
	for _, path := range os.Args[1:] {
		raw, err := os.ReadFile(path)
		if err != nil {
			panic(err)
		}
		var x xrd
		if err := yaml.Unmarshal(raw, &x); err != nil {
			panic(err)
		}
		crd := &apiextv1.CustomResourceDefinition{}
		crd.Name = x.Spec.Names.Plural + "." + x.Spec.Group
		crd.Spec.Group = x.Spec.Group
		crd.Spec.Names = x.Spec.Names
		crd.Spec.Scope = apiextv1.ResourceScope(x.Spec.Scope)
		for _, v := range x.Spec.Versions {
			sub := &apiextv1.CustomResourceSubresources{Status: &apiextv1.CustomResourceSubresourceStatus{}}
			if v.Subresources != nil {
				sub.Scale = v.Subresources.Scale
			}
			crd.Spec.Versions = append(crd.Spec.Versions, apiextv1.CustomResourceDefinitionVersion{
				Name: v.Name, Served: v.Served, Storage: true, Schema: v.Schema,
				Subresources: sub, AdditionalPrinterColumns: v.AdditionalPrinterColumns,
			})
		}
		apiextv1.SetObjectDefaults_CustomResourceDefinition(crd)
		internal := &apiextensions.CustomResourceDefinition{}
		if err := apiextv1.Convert_v1_CustomResourceDefinition_To_apiextensions_CustomResourceDefinition(crd, internal, nil); err != nil {
			panic(err)
		}
		errs := validation.ValidateCustomResourceDefinition(context.Background(), internal)
		if len(errs) > 0 {
			failed = true
			for _, e := range errs {
				fmt.Printf("%s: %v\n", path, e)
			}
		} else {
			fmt.Printf("%s: ok\n", path)
		}
	}
	if failed {
		os.Exit(1)
	}
}
